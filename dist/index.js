#!/usr/bin/env node
import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 4436:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   l: () => (/* binding */ discoverGitHub),
/* harmony export */   q: () => (/* binding */ isOnRunner)
/* harmony export */ });
function asRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value)
        ? value
        : undefined;
}
function stringAt(value, ...path) {
    let current = value;
    for (const key of path)
        current = asRecord(current)?.[key];
    return typeof current === 'string' ? current : undefined;
}
function readEvent(env, readText) {
    const path = env.GITHUB_EVENT_PATH;
    if (path === undefined || path === '')
        return undefined;
    const text = readText(path);
    if (text === undefined)
        return undefined;
    try {
        return asRecord(JSON.parse(text));
    }
    catch {
        // A broken payload only means less context; it is not the user's credential problem.
        return undefined;
    }
}
const PULL_REQUEST_EVENTS = new Set([
    'pull_request',
    'pull_request_review',
    'pull_request_review_comment'
]);
/**
 * A fork pull request is one whose head repository differs from the base repository, or is
 * gone (a deleted fork leaves `head.repo` null). `pull_request_target` runs in the base
 * repository with its secrets, so it is never treated as a fork here.
 */
function isFork(eventName, event, repository) {
    if (eventName === undefined || !PULL_REQUEST_EVENTS.has(eventName))
        return false;
    const pullRequest = asRecord(event?.pull_request);
    if (pullRequest === undefined)
        return false;
    const head = asRecord(pullRequest.head);
    if (head === undefined)
        return false;
    if (head.repo === null)
        return true;
    const headRepo = stringAt(head, 'repo', 'full_name');
    const baseRepo = stringAt(pullRequest, 'base', 'repo', 'full_name') ?? repository;
    // Owner and repository names are case-insensitive on GitHub.
    return (headRepo !== undefined &&
        baseRepo !== undefined &&
        headRepo.toLowerCase() !== baseRepo.toLowerCase());
}
function headRepository(event) {
    const head = asRecord(asRecord(event?.pull_request)?.head);
    if (head === undefined)
        return undefined;
    if (head.repo === null)
        return '(deleted)';
    return stringAt(head, 'repo', 'full_name');
}
function pullRequestNumber(event) {
    const value = asRecord(event?.pull_request)?.number ?? event?.number;
    return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}
const DEPENDABOT = 'dependabot[bot]';
/**
 * GitHub restricts secrets by `github.actor`, which stays Dependabot's when a person re-runs
 * the workflow ("these restrictions apply even if the workflow is re-run by a different
 * actor"). `pull_request_target` is restricted only for pull requests Dependabot opened.
 */
function isDependabotRun(eventName, event, actor) {
    if (actor !== DEPENDABOT)
        return false;
    if (eventName !== 'pull_request_target')
        return true;
    return stringAt(event, 'pull_request', 'user', 'login') === DEPENDABOT;
}
function nonEmpty(value) {
    return value === undefined || value === '' ? undefined : value;
}
/** Whether the action runs on a runner (or under a tool that stands in for one). */
function isOnRunner(env) {
    return (env.GITHUB_ACTIONS === 'true' ||
        (env.GITHUB_OUTPUT ?? '') !== '' ||
        (env.GITHUB_STEP_SUMMARY ?? '') !== '');
}
function discoverGitHub(env, readText) {
    const event = readEvent(env, readText);
    const eventName = nonEmpty(env.GITHUB_EVENT_NAME);
    const repository = nonEmpty(env.GITHUB_REPOSITORY);
    const actor = nonEmpty(env.GITHUB_ACTOR);
    const triggeringActor = nonEmpty(env.GITHUB_TRIGGERING_ACTOR);
    const context = {
        eventName,
        repository,
        actor,
        triggeringActor,
        ref: nonEmpty(env.GITHUB_REF),
        refName: nonEmpty(env.GITHUB_REF_NAME),
        headRef: nonEmpty(env.GITHUB_HEAD_REF),
        baseRef: nonEmpty(env.GITHUB_BASE_REF),
        workflowRef: nonEmpty(env.GITHUB_WORKFLOW_REF),
        workspace: nonEmpty(env.GITHUB_WORKSPACE),
        serverUrl: nonEmpty(env.GITHUB_SERVER_URL),
        runId: nonEmpty(env.GITHUB_RUN_ID),
        job: nonEmpty(env.GITHUB_JOB),
        workflow: nonEmpty(env.GITHUB_WORKFLOW),
        actionRepository: nonEmpty(env.GITHUB_ACTION_REPOSITORY),
        actionRef: nonEmpty(env.GITHUB_ACTION_REF),
        pullRequestNumber: pullRequestNumber(event),
        headRepository: headRepository(event),
        isForkPullRequest: isFork(eventName, event, repository),
        isDependabot: isDependabotRun(eventName, event, actor),
        oidcRequestAvailable: nonEmpty(env.ACTIONS_ID_TOKEN_REQUEST_URL) !== undefined &&
            nonEmpty(env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) !== undefined,
        onRunner: isOnRunner(env),
        runnerEnvironment: nonEmpty(env.RUNNER_ENVIRONMENT),
        apiUrl: nonEmpty(env.GITHUB_API_URL)
    };
    return context;
}


/***/ }),

/***/ 3916:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   CA: () => (/* binding */ errorCode),
/* harmony export */   Uc: () => (/* binding */ describeError),
/* harmony export */   cB: () => (/* binding */ errorProperty)
/* harmony export */ });
/** One way to describe a caught `unknown`, so no catch block needs `any`. */
function describeError(error) {
    if (error instanceof Error)
        return `${error.name}: ${error.message}`;
    if (typeof error === 'string')
        return error;
    try {
        return JSON.stringify(error) ?? String(error);
    }
    catch {
        return String(error);
    }
}
/** Reads a string property of an unknown error value, e.g. `code` or `name`. */
function errorProperty(error, key) {
    if (typeof error !== 'object' || error === null)
        return undefined;
    const value = error[key];
    return typeof value === 'string' ? value : undefined;
}
/**
 * An error code (`InvalidClientTokenId`, `ECONNREFUSED`, `ERR_TLS_CERT_ALTNAME_INVALID`), read
 * from a property of an SDK error. A code is what an endpoint sent (an override may point at
 * anything), and it reaches titles, outputs and annotations: anything but a plain identifier is
 * replaced, so a hostile answer cannot carry Markdown, a workflow command or a line break.
 */
function errorCode(error, key) {
    const value = errorProperty(error, key);
    if (value === undefined)
        return undefined;
    return /^[A-Za-z][\w.:-]{0,127}$/u.test(value) ? value : 'UnreadableErrorCode';
}


/***/ }),

/***/ 9407:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _discover_github_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(4436);
/* harmony import */ var _report_last_resort_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(4128);
/* harmony import */ var _settings_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(8750);
/**
 * The action's entry point: run, then exit at once, so no stray socket keeps the step alive.
 *
 * Every exit says why. The guards are installed before the rest of the action is even loaded
 * (`main.js` is imported here, inside the `try`), so an error while a module loads, an
 * unhandled rejection, an uncaught exception or an exit that some code forces before the
 * report was written still leaves the verdict line and a summary (src/report/last-resort.ts).
 */



const target = {
    onRunner: (0,_discover_github_js__WEBPACK_IMPORTED_MODULE_0__/* .isOnRunner */ .q)(process.env),
    ...(process.env.GITHUB_STEP_SUMMARY === undefined
        ? {}
        : { summaryPath: process.env.GITHUB_STEP_SUMMARY })
};
/** Like any internal error, an exit of last resort fails the step unless `fail-on: never`. */
const failureCode = (0,_settings_js__WEBPACK_IMPORTED_MODULE_2__/* .readReportSettings */ .i$)(process.env).failOn === 'never' ? 0 : 1;
function stopUnexpectedly(what) {
    (0,_report_last_resort_js__WEBPACK_IMPORTED_MODULE_1__/* .writeLastResort */ .ZS)(target, what);
    process.exit(failureCode);
}
process.on('uncaughtException', error => stopUnexpectedly(`uncaught ${(0,_report_last_resort_js__WEBPACK_IMPORTED_MODULE_1__/* .kindOf */ .I)(error)}`));
process.on('unhandledRejection', reason => {
    // After the report, a stray rejection (a socket closing late) changes nothing.
    if (!(0,_report_last_resort_js__WEBPACK_IMPORTED_MODULE_1__/* .wasReported */ .Zm)())
        stopUnexpectedly(`unhandled rejection: ${(0,_report_last_resort_js__WEBPACK_IMPORTED_MODULE_1__/* .kindOf */ .I)(reason)}`);
});
process.on('exit', code => {
    if ((0,_report_last_resort_js__WEBPACK_IMPORTED_MODULE_1__/* .wasReported */ .Zm)())
        return;
    (0,_report_last_resort_js__WEBPACK_IMPORTED_MODULE_1__/* .writeLastResort */ .ZS)(target, `the process exited with code ${code} before the report was written`);
    process.exitCode = failureCode;
});
/** Resolves once what was written to the log has been handed to the system. */
function flushed() {
    const one = (stream) => new Promise(resolve => {
        const timer = setTimeout(resolve, 1000);
        timer.unref();
        stream.write('', () => {
            clearTimeout(timer);
            resolve();
        });
    });
    return Promise.all([one(process.stdout), one(process.stderr)]).then(() => undefined);
}
let code;
try {
    const { run } = await Promise.all(/* import() */[__nccwpck_require__.e(760), __nccwpck_require__.e(524)]).then(__nccwpck_require__.bind(__nccwpck_require__, 2524));
    code = await run();
}
catch (error) {
    // run() reports its own failures; reaching here means even that failed, or it never loaded.
    (0,_report_last_resort_js__WEBPACK_IMPORTED_MODULE_1__/* .writeLastResort */ .ZS)(target, `${(0,_report_last_resort_js__WEBPACK_IMPORTED_MODULE_1__/* .kindOf */ .I)(error)} before or while writing the report`);
    code = failureCode;
}
await flushed();
process.exit(code);

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 4128:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   I: () => (/* binding */ kindOf),
/* harmony export */   Nh: () => (/* binding */ markReported),
/* harmony export */   ZS: () => (/* binding */ writeLastResort),
/* harmony export */   Zm: () => (/* binding */ wasReported)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(3916);
/* harmony import */ var _log_line_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(8975);
/**
 * The report of last resort: what an exit writes when the normal report was not written (an
 * error while the modules load, an unhandled rejection, an exit nobody planned). It uses
 * Node's own modules only and writes synchronously, so it works when nothing else does and
 * reaches the log before the process ends. It names the error by its kind (`TypeError`,
 * `ERR_MODULE_NOT_FOUND`), never by its message: without the redactor, a message could hold a
 * secret.
 */



let reported = false;
/** Called by the publisher once the verdict and the summary are written. */
function markReported() {
    reported = true;
}
function wasReported() {
    return reported;
}
/** An error's kind, without its message. */
function kindOf(error) {
    const name = (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorProperty */ .cB)(error, 'name') ?? (error instanceof Error ? 'Error' : typeof error);
    const code = (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .errorProperty */ .cB)(error, 'code');
    return code === undefined ? name : `${name} (${code})`;
}
/** Workflow-command data, escaped as the runner expects (`%`, CR and LF). */
function commandData(text) {
    return (0,_log_line_js__WEBPACK_IMPORTED_MODULE_1__/* .withoutLegacyCommands */ .Uy)(text)
        .replace(/%/gu, '%25')
        .replace(/\r/gu, '%0D')
        .replace(/\n/gu, '%0A');
}
function writeAll(fd, text) {
    const bytes = Buffer.from(text, 'utf8');
    for (let offset = 0; offset < bytes.length;)
        offset += (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.writeSync)(fd, bytes, offset, bytes.length - offset);
}
/**
 * Writes the verdict line, an error annotation and a summary saying the action failed and why,
 * once; nothing when the normal report was already written.
 */
function writeLastResort(target, what) {
    if (reported)
        return;
    reported = true;
    const title = 'The action failed unexpectedly';
    const message = `The action stopped before its report was written: ${what}. This is a bug in aws-credentials-doctor, not in your credentials: please report it with this log. Re-running may help.`;
    const lines = [
        (0,_log_line_js__WEBPACK_IMPORTED_MODULE_1__/* .plainLine */ .h0)('AWS credentials fail: internal-error'),
        (0,_log_line_js__WEBPACK_IMPORTED_MODULE_1__/* .plainLine */ .h0)(`  [error] internal-error: ${title}`),
        target.onRunner ? `::error title=internal-error::${commandData(message)}` : (0,_log_line_js__WEBPACK_IMPORTED_MODULE_1__/* .plainLine */ .h0)(message)
    ];
    try {
        writeAll(1, `${lines.join('\n')}\n`);
    }
    catch {
        // Standard output is gone: standard error is the runner's log too.
        try {
            writeAll(2, `${lines.join('\n')}\n`);
        }
        catch {
            // Nowhere left to write.
        }
    }
    if (target.summaryPath === undefined || target.summaryPath === '')
        return;
    try {
        (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.appendFileSync)(target.summaryPath, `## ❌ AWS credentials fail: ${title}\n\n**Cause:** \`internal-error\`: ${message}\n`);
    }
    catch {
        // The log above holds the same words.
    }
}


/***/ }),

/***/ 8975:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Uy: () => (/* binding */ withoutLegacyCommands),
/* harmony export */   h0: () => (/* binding */ plainLine),
/* harmony export */   lV: () => (/* binding */ visibleLineBreaks),
/* harmony export */   y1: () => (/* binding */ plainLines)
/* harmony export */ });
/**
 * Text bound for the runner's log, made inert. The runner reads every line of a step's output
 * for commands: a line that starts with `::` once leading whitespace is trimmed (`::warning::`,
 * `::add-mask::`, `::stop-commands::`), and the legacy `##[name]` form anywhere in a line.
 * `@actions/core` escapes the data of the commands it writes, but `core.info` writes a plain
 * line as it is, so a CR or LF in a profile name or a workflow name would start a line of its
 * own and forge a command. Every plain line the action prints passes through `plainLine`.
 */
/**
 * Line breaks the runner (or a log viewer) may split on, shown as visible escapes instead.
 * .NET's line reader splits on CR and LF; NEL and the Unicode separators are included so that
 * no reader can see a new line start.
 */
const LINE_BREAKS = {
    '\r': '\\r',
    '\n': '\\n',
    '\u0085': '\\u0085',
    '\u2028': '\\u2028',
    '\u2029': '\\u2029'
};
const LINE_BREAK = /[\r\n\u0085\u2028\u2029]/gu;
/**
 * Leading whitespace as the runner trims it (.NET `TrimStart`: the Unicode space separators,
 * tabs and NEL), widened with the zero-width characters, so a line counts as starting with
 * `::` whatever invisible prefix it has.
 */
const LEADING_COMMAND = /^([\s\u0085\u180e\u200b\u2060\ufeff]*):(?=:)/u;
/** The legacy command prefix; `# #[` keeps the text readable and is no longer a command. */
const LEGACY_PREFIX = /##\[/gu;
/**
 * Neutralises the legacy `##[command]` form in any text written to the log, including the
 * data of commands `@actions/core` writes (annotation messages, debug lines), which it does not
 * escape either.
 */
function withoutLegacyCommands(text) {
    return text.replace(LEGACY_PREFIX, '# #[');
}
/** `text` on one line: each line break shown as its escape (`\n`), for the log and Markdown. */
function visibleLineBreaks(text) {
    return text.replace(LINE_BREAK, character => LINE_BREAKS[character] ?? ' ');
}
/** One line of the log that the runner cannot read as a command, whatever `text` holds. */
function plainLine(text) {
    const oneLine = visibleLineBreaks(text);
    // `: :` keeps the text readable; the runner only acts on `::` at the start.
    return withoutLegacyCommands(oneLine).replace(LEADING_COMMAND, '$1: ');
}
/**
 * A multi-line text (the job summary, when it goes to the log) as inert lines: each line of
 * it, however it was broken, becomes one `plainLine`.
 */
function plainLines(text) {
    return text.split(/\r\n|[\r\n\u0085\u2028\u2029]/u).map(plainLine);
}


/***/ }),

/***/ 8750:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   GN: () => (/* binding */ SettingsError),
/* harmony export */   GQ: () => (/* binding */ inputVariableName),
/* harmony export */   P$: () => (/* binding */ parseSettings),
/* harmony export */   bO: () => (/* binding */ INPUT),
/* harmony export */   i$: () => (/* binding */ readReportSettings)
/* harmony export */ });
/* unused harmony exports readRawInput, splitList */
/** Names of every input, so no literal is scattered through the code. */
const INPUT = {
    accessKeyId: 'aws-access-key-id',
    secretAccessKey: 'aws-secret-access-key',
    sessionToken: 'aws-session-token',
    region: 'aws-region',
    profile: 'profile',
    expectedAccountId: 'expected-account-id',
    failOn: 'fail-on',
    checkIam: 'check-iam',
    maxKeyAgeDays: 'max-key-age-days',
    requireTemporaryCredentials: 'require-temporary-credentials',
    requiredActions: 'required-actions',
    timeoutSeconds: 'timeout-seconds',
    annotate: 'annotate',
    summary: 'summary',
    prComment: 'pr-comment',
    githubToken: 'github-token',
    roleToAssume: 'role-to-assume',
    audience: 'audience',
    oidcGuide: 'oidc-guide',
    crossPartitionProbes: 'cross-partition-probes'
};
/** An input had a value the action cannot use; the message names the input. */
class SettingsError extends Error {
    input;
    constructor(input, message) {
        super(message);
        this.input = input;
        this.name = 'SettingsError';
    }
}
function inputVariableName(name) {
    return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}
/** The raw value of an input; the runner sets every declared input, so empty means not given. */
function readRawInput(env, name) {
    const value = env[inputVariableName(name)];
    return value === undefined || value === '' ? undefined : value;
}
function readTrimmed(env, name) {
    const value = readRawInput(env, name)?.trim();
    return value === undefined || value === '' ? undefined : value;
}
function readBoolean(env, name, fallback) {
    const value = readTrimmed(env, name);
    if (value === undefined)
        return fallback;
    // The same spellings the YAML 1.2 core schema accepts, as @actions/core does.
    if (['true', 'True', 'TRUE'].includes(value))
        return true;
    if (['false', 'False', 'FALSE'].includes(value))
        return false;
    throw new SettingsError(name, `Input "${name}" must be true or false, got "${value}".`);
}
function readChoice(env, name, choices, fallback) {
    const value = readTrimmed(env, name);
    if (value === undefined)
        return fallback;
    const match = choices.find(choice => choice === value.toLowerCase());
    if (match === undefined) {
        throw new SettingsError(name, `Input "${name}" must be one of ${choices.map(c => `"${c}"`).join(', ')}, got "${value}".`);
    }
    return match;
}
function readNumber(env, name, fallback, range) {
    const value = readTrimmed(env, name);
    if (value === undefined)
        return fallback;
    const number = Number(value);
    if (!/^\d+(\.\d+)?$/.test(value) || !Number.isFinite(number)) {
        throw new SettingsError(name, `Input "${name}" must be a number, got "${value}".`);
    }
    if (number < range.min || number > range.max) {
        throw new SettingsError(name, `Input "${name}" must be between ${range.min} and ${range.max}, got ${value}.`);
    }
    return number;
}
/** Items separated by commas and/or newlines, blanks dropped. */
function splitList(value) {
    if (value === undefined)
        return [];
    return value
        .split(/[,\n\r]+/)
        .map(item => item.trim())
        .filter(item => item !== '');
}
function readAccountIds(env) {
    const raw = readRawInput(env, INPUT.expectedAccountId);
    const ids = splitList(raw).map(id => id.replace(/\s+/g, ''));
    for (const id of ids) {
        if (!/^\d{12}$/.test(id)) {
            throw new SettingsError(INPUT.expectedAccountId, `Input "${INPUT.expectedAccountId}" must hold 12-digit AWS account IDs separated by commas or newlines; "${id}" is not one.`);
        }
    }
    return [...new Set(ids)];
}
function readRequiredActions(env) {
    return splitList(readRawInput(env, INPUT.requiredActions)).map(item => {
        const at = item.indexOf('@');
        const action = at === -1 ? item : item.slice(0, at).trim();
        const resource = at === -1 ? undefined : item.slice(at + 1).trim();
        if (!/^[a-zA-Z0-9-]+:[a-zA-Z0-9*?]+$/.test(action)) {
            throw new SettingsError(INPUT.requiredActions, `Input "${INPUT.requiredActions}" holds "${item}", which is not an IAM action such as "s3:PutObject" or "s3:PutObject@arn:aws:s3:::bucket/*".`);
        }
        if (resource !== undefined && !/^(arn:[^\s]+|\*)$/.test(resource)) {
            throw new SettingsError(INPUT.requiredActions, `Input "${INPUT.requiredActions}" holds "${item}", whose resource is not an ARN.`);
        }
        return resource === undefined || resource === '' ? { action } : { action, resource };
    });
}
function readRoleArn(env) {
    // Any value: a role name, a path or a session ARN where a role ARN belongs is the
    // `oidc-assume-role-invalid` finding (src/oidc/role-arn.ts), with the ARN it probably meant.
    return readTrimmed(env, INPUT.roleToAssume);
}
/**
 * How to report when another input is invalid: each of these inputs as given where it is
 * valid, its default where it is not, so `fail-on: never` holds whatever else is wrong.
 */
function readReportSettings(env) {
    const orDefault = (read, fallback) => {
        try {
            return read();
        }
        catch {
            return fallback;
        }
    };
    return {
        failOn: orDefault(() => readChoice(env, INPUT.failOn, ['error', 'warning', 'never'], 'error'), 'error'),
        annotate: orDefault(() => readBoolean(env, INPUT.annotate, true), true),
        summary: orDefault(() => readBoolean(env, INPUT.summary, true), true)
    };
}
function parseSettings(env) {
    const settings = {
        accessKeyId: readRawInput(env, INPUT.accessKeyId),
        secretAccessKey: readRawInput(env, INPUT.secretAccessKey),
        sessionToken: readRawInput(env, INPUT.sessionToken),
        region: readTrimmed(env, INPUT.region),
        profile: readTrimmed(env, INPUT.profile),
        expectedAccountIds: readAccountIds(env),
        failOn: readChoice(env, INPUT.failOn, ['error', 'warning', 'never'], 'error'),
        checkIam: readBoolean(env, INPUT.checkIam, true),
        maxKeyAgeDays: readNumber(env, INPUT.maxKeyAgeDays, 90, { min: 1, max: 100000 }),
        requireTemporaryCredentials: readBoolean(env, INPUT.requireTemporaryCredentials, false),
        requiredActions: readRequiredActions(env),
        timeoutSeconds: readNumber(env, INPUT.timeoutSeconds, 10, { min: 1, max: 600 }),
        annotate: readBoolean(env, INPUT.annotate, true),
        summary: readBoolean(env, INPUT.summary, true),
        prComment: readChoice(env, INPUT.prComment, ['never', 'on-failure', 'always'], 'never'),
        githubToken: readTrimmed(env, INPUT.githubToken),
        roleToAssume: readRoleArn(env),
        audience: readTrimmed(env, INPUT.audience) ?? 'sts.amazonaws.com',
        oidcGuide: readBoolean(env, INPUT.oidcGuide, false),
        crossPartitionProbes: readBoolean(env, INPUT.crossPartitionProbes, true)
    };
    return settings;
}


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 6954:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 4708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 8161:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:process");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 6928:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");

/***/ }),

/***/ 932:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("process");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(9407);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
