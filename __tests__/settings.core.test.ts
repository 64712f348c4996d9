/**
 * Settings read inputs from the environment object given to run(), not through `core.getInput`
 * (see src/settings.ts); this checks that they read them exactly as `@actions/core` does.
 */
import { afterEach, describe, expect, test } from '@jest/globals'
import { getBooleanInput, getInput } from '@actions/core'
import fc from 'fast-check'
import { INPUT, inputVariableName, parseSettings, readRawInput } from '../src/settings.js'

const touched = new Set<string>()
function setInput(name: string, value: string): void {
  const variable = inputVariableName(name)
  touched.add(variable)
  process.env[variable] = value
}
afterEach(() => {
  for (const variable of touched) Reflect.deleteProperty(process.env, variable)
  touched.clear()
})

describe('inputs are read as @actions/core reads them', () => {
  test('the same variable for every name, spaces and hyphens included', () => {
    const names = fc.oneof(
      fc.constantFrom(...Object.values(INPUT)),
      fc.stringMatching(/^[a-z][a-z0-9 _-]{0,20}$/u)
    )
    fc.assert(
      fc.property(names, fc.string({ minLength: 1 }), (name, value) => {
        setInput(name, value)
        // The credential inputs are read untrimmed, as `trimWhitespace: false` reads them.
        expect(readRawInput(process.env, name)).toBe(getInput(name, { trimWhitespace: false }))
        Reflect.deleteProperty(process.env, inputVariableName(name))
        expect(readRawInput(process.env, name)).toBeUndefined()
        expect(getInput(name)).toBe('')
      })
    )
  })

  test('trimmed inputs are trimmed the same way', () => {
    fc.assert(
      fc.property(fc.constantFrom(' eu-west-1 ', '\teu-west-1\n', 'eu-west-1'), value => {
        setInput(INPUT.region, value)
        expect(parseSettings(process.env).region).toBe(getInput(INPUT.region))
      })
    )
  })

  test('booleans accept exactly the YAML 1.2 core schema spellings', () => {
    for (const value of ['true', 'True', 'TRUE', 'false', 'False', 'FALSE', ' true ']) {
      setInput(INPUT.annotate, value)
      expect(parseSettings(process.env).annotate).toBe(getBooleanInput(INPUT.annotate))
    }
    for (const value of ['yes', 'on', '1', 'tRue']) {
      setInput(INPUT.annotate, value)
      expect(() => getBooleanInput(INPUT.annotate)).toThrow()
      expect(() => parseSettings(process.env)).toThrow(/must be true or false/u)
    }
  })
})
