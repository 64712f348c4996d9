import { afterAll, describe, expect, test } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  MAX_FILE_BYTES,
  MAX_SHARED_FILE_BYTES,
  readFileFromDisk
} from '../../src/discover/files.js'

const directory = mkdtempSync(join(tmpdir(), 'acd-files-'))
afterAll(() => rmSync(directory, { recursive: true, force: true }))

describe('reading a file that a variable names', () => {
  test('a regular file is read as UTF-8; invalid bytes become U+FFFD', () => {
    writeFileSync(join(directory, 'ok'), Buffer.from([0x5b, 0x61, 0x5d, 0xff, 0x0a]))
    expect(readFileFromDisk(join(directory, 'ok'))).toEqual({ state: 'read', text: '[a]\ufffd\n' })
  })

  test('missing, a directory, a symlink loop, a FIFO and a huge file are statuses, never a hang or a throw', () => {
    expect(readFileFromDisk(join(directory, 'missing'))).toEqual({ state: 'missing' })
    expect(readFileFromDisk(join(directory, 'missing', 'below'))).toEqual({ state: 'missing' })
    expect(readFileFromDisk(directory)).toEqual({ state: 'not-a-file', detail: 'a directory' })
    symlinkSync(join(directory, 'loop-b'), join(directory, 'loop-a'))
    symlinkSync(join(directory, 'loop-a'), join(directory, 'loop-b'))
    expect(readFileFromDisk(join(directory, 'loop-a'))).toEqual({
      state: 'unreadable',
      detail: 'ELOOP'
    })
    execFileSync('mkfifo', [join(directory, 'fifo')])
    expect(readFileFromDisk(join(directory, 'fifo'))).toEqual({
      state: 'not-a-file',
      detail: 'not a regular file'
    })
    writeFileSync(join(directory, 'huge'), Buffer.alloc(MAX_FILE_BYTES + 1, 0x61))
    expect(readFileFromDisk(join(directory, 'huge')).state).toBe('too-large')
    // Shared files are read up to a larger bound: the tools read files of any size.
    expect(readFileFromDisk(join(directory, 'huge'), MAX_SHARED_FILE_BYTES).state).toBe('read')
    writeFileSync(join(directory, 'huger'), Buffer.alloc(MAX_SHARED_FILE_BYTES + 1, 0x61))
    expect(readFileFromDisk(join(directory, 'huger'), MAX_SHARED_FILE_BYTES)).toEqual({
      state: 'too-large',
      detail: `${MAX_SHARED_FILE_BYTES + 1} bytes`
    })
    expect(readFileFromDisk('')).toEqual({ state: 'missing' })
    expect(readFileFromDisk('a\u0000b')).toEqual({ state: 'missing' })
  })
})
