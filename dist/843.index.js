export const id = 843;
export const ids = [843];
export const modules = {

/***/ 5385:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   D: () => (/* binding */ parseRoleArn),
/* harmony export */   L: () => (/* binding */ getRole)
/* harmony export */ });
/* harmony import */ var _http_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5421);
/* harmony import */ var _iam_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1084);
/* harmony import */ var _regions_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(736);
/* harmony import */ var _sts_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8665);




function parseRoleArn(arn) {
    const match = /^arn:([a-z-]+):iam::(\d{12}):role(\/(?:[^/]+\/)*)([\w+=,.@-]+)$/u.exec(arn);
    if (match === null)
        return undefined;
    const [, partition = 'aws', accountId = '', path = '/', name = ''] = match;
    return { partition, accountId, path, name };
}
async function getRole(lookup, deadline) {
    const parts = parseRoleArn(lookup.roleArn);
    if (parts === undefined) {
        return {
            ok: false,
            failure: {
                code: 'InvalidRoleArn',
                message: 'the role ARN cannot be read',
                kind: 'unreadable',
                attempts: 0
            }
        };
    }
    const { GetRoleCommand, IAMClient } = await (0,_iam_js__WEBPACK_IMPORTED_MODULE_1__/* .loadIam */ .Ob)();
    const client = new IAMClient({
        // IAM is global; its signing region depends only on the partition.
        region: _regions_js__WEBPACK_IMPORTED_MODULE_2__/* .HOME_REGION */ .$c[(0,_regions_js__WEBPACK_IMPORTED_MODULE_2__/* .partitionOfArn */ .Fh)(lookup.roleArn) ?? 'aws'],
        ...(lookup.endpoint === undefined ? {} : { endpoint: lookup.endpoint }),
        // The endpoint is the one discovery resolved: the client must not look for another itself.
        ignoreConfiguredEndpointUrls: true,
        credentials: lookup.credentials,
        maxAttempts: 1,
        ..._http_js__WEBPACK_IMPORTED_MODULE_0__/* .FIXED_CLIENT_SETTINGS */ .$8,
        requestHandler: (0,_http_js__WEBPACK_IMPORTED_MODULE_0__/* .httpHandler */ .bu)(deadline, lookup.proxy)
    });
    try {
        const result = await (0,_sts_js__WEBPACK_IMPORTED_MODULE_3__/* .withRetries */ .LH)(deadline, async () => client.send(new GetRoleCommand({ RoleName: parts.name }), {
            abortSignal: deadline.signal()
        }));
        if (!result.ok)
            return { ok: false, failure: result.failure };
        const role = result.value.Role;
        const document = role?.AssumeRolePolicyDocument;
        if (role?.Arn === undefined || document === undefined) {
            return {
                ok: false,
                failure: {
                    code: 'IncompleteResponse',
                    message: 'GetRole answered without the role or its trust policy',
                    kind: 'unreadable',
                    attempts: result.attempts
                }
            };
        }
        return {
            ok: true,
            arn: role.Arn,
            trustPolicy: decodePolicy(document),
            ...(role.MaxSessionDuration === undefined
                ? {}
                : { maxSessionDuration: role.MaxSessionDuration })
        };
    }
    finally {
        client.destroy();
    }
}
/** IAM returns policy documents URL-encoded; a document that is already JSON is kept. */
function decodePolicy(document) {
    if (document.trimStart().startsWith('{'))
        return document;
    try {
        return decodeURIComponent(document);
    }
    catch {
        return document;
    }
}


/***/ }),

/***/ 843:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  checkSessionLimits: () => (/* binding */ checkSessionLimits)
});

// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(4285);
// EXTERNAL MODULE: ./src/aws/credentials.ts
var credentials = __webpack_require__(6963);
// EXTERNAL MODULE: ./src/aws/endpoints.ts
var endpoints = __webpack_require__(9843);
// EXTERNAL MODULE: ./src/aws/iam-role.ts
var iam_role = __webpack_require__(5385);
// EXTERNAL MODULE: ./src/aws/regions.ts
var regions = __webpack_require__(736);
// EXTERNAL MODULE: ./src/findings.ts
var findings = __webpack_require__(1001);
// EXTERNAL MODULE: ./src/oidc/evaluate.ts
var evaluate = __webpack_require__(2934);
// EXTERNAL MODULE: ./src/oidc/lint.ts
var lint = __webpack_require__(2312);
// EXTERNAL MODULE: ./src/report/quoting.ts
var quoting = __webpack_require__(6721);
;// CONCATENATED MODULE: ./src/aws/session-limits.ts
/**
 * Session lifetime and role chaining in this job's later `aws-actions/configure-aws-credentials`
 * steps: which of them STS will refuse, and why, with the requested duration and the limit.
 * Pure: the workflow's steps come from discovery, each role's `MaxSessionDuration` and trust
 * policy from the iam:GetRole look-up (`role-limits.ts`), which may have been denied.
 *
 * Only refusals that are certain from what is known are reported:
 * - STS takes `DurationSeconds` from 900 to 43200 (12 hours) for any role session, and refuses
 *   more than the role's `MaxSessionDuration` ("The requested DurationSeconds exceeds the
 *   MaxSessionDuration set for this role.", ValidationError) [AWS STS API reference,
 *   AssumeRole / AssumeRoleWithWebIdentity: DurationSeconds].
 * - A session assumed with a role's temporary credentials (role chaining) is capped at one hour:
 *   more is refused ("The requested DurationSeconds exceeds the 1 hour session limit for roles
 *   assumed by role chaining.") [AWS IAM user guide, id_roles_terms-and-concepts: role chaining].
 * - configure-aws-credentials sends session tags on its AssumeRole path (`role-chaining`, keys)
 *   unless `role-skip-session-tagging: true`; the chained role's trust policy must then allow
 *   `sts:TagSession` [AWS IAM user guide, id_session-tags; configure-aws-credentials README].
 */





/**
 * configure-aws-credentials' duration where `role-duration-seconds` is not given, on every
 * path (OIDC, access keys, chaining): `DEFAULT_ROLE_DURATION = 3600` in its `src/index.ts`
 * (v6.2.3, commit bcd4089), read as `Number.parseInt(input) || DEFAULT_ROLE_DURATION`, so an
 * empty, zero or non-numeric value also means one hour. Since v3 (commit ef93a73, PR #791).
 */
const DEFAULT_ROLE_DURATION = 3600;
/**
 * Before v3, access keys without a session token or `role-chaining` asked for six hours
 * (`MAX_ACTION_RUNTIME = 6 * 3600` in `index.js` before commit ef93a73; issues #79, #321), more
 * than a role allows by default. Applied only where the ref names such a version (`@v1`,
 * `@v2.1.0`): a SHA's version is not known here, and one hour never refuses anything.
 */
const LEGACY_KEYS_DURATION = 21600;
/** STS's bounds on `DurationSeconds` for any role session. */
const MIN_ROLE_DURATION = 900;
const MAX_ROLE_DURATION = 43200;
/** The one-hour cap on sessions assumed by role chaining. */
const CHAINING_CAP = 3600;
function literal(input) {
    return input?.kind === 'literal' ? input.value : input === undefined ? '' : undefined;
}
/** configure-aws-credentials' `getBooleanInput`: `true|True|TRUE`, `false|False|FALSE`, empty. */
function booleanInput(input) {
    const value = literal(input);
    if (value === undefined)
        return undefined;
    if (['true', 'True', 'TRUE'].includes(value))
        return true;
    if (['false', 'False', 'FALSE', ''].includes(value))
        return false;
    // Any other text makes the action throw before it calls STS: not this finding's business.
    return undefined;
}
/** The step's `role-to-assume`, where it assumes a role at all. */
function roleInput(step) {
    const role = step.inputs.get('role-to-assume');
    return role?.kind === 'literal' && role.value.trim() === '' ? undefined : role;
}
/** Whether the step leaves a role session in the job's environment for the next one. */
function exportsRoleSession(step) {
    if (roleInput(step) === undefined)
        return false;
    // By default the action exports environment variables only without `aws-profile`.
    const output = step.inputs.get('output-env-credentials');
    if (output === undefined)
        return literal(step.inputs.get('aws-profile')) === '';
    return booleanInput(output) === true;
}
/**
 * The step whose credentials a `role-chaining` step starts from: the nearest earlier one, which
 * wrote the environment last. Only where that one surely runs and leaves a role session is the
 * chaining step a role chain in STS's sense (from an IAM user's keys it is not).
 */
function chainedFrom(steps, index) {
    const previous = steps[index - 1];
    if (previous === undefined || previous.conditional)
        return undefined;
    return exportsRoleSession(previous) ? previous : undefined;
}
/**
 * `role-duration-seconds` as the action reads it: `Number.parseInt(value) || 3600`, without a
 * radix, so `0x1C20` is 7200 and `0`, `soon` or an empty value are the default.
 */
/** The duration a step asks for without `role-duration-seconds`, from its version and inputs. */
function defaultDuration(step) {
    const legacy = /@v[12](?:\.|$)/u.test(step.uses) &&
        step.inputs.has('aws-access-key-id') &&
        !step.inputs.has('aws-session-token') &&
        booleanInput(step.inputs.get('role-chaining')) === false;
    return legacy
        ? { duration: LEGACY_KEYS_DURATION, legacyDefault: true }
        : { duration: DEFAULT_ROLE_DURATION };
}
/**
 * `role-duration-seconds` as the action reads it: `Number.parseInt(value) || 3600`, without a
 * radix, so `0x1C20` is 7200 and `0`, `soon` or an empty value are the default.
 */
function durationOf(step) {
    const written = step.inputs.get('role-duration-seconds');
    if (written === undefined)
        return defaultDuration(step);
    if (written.kind === 'expression')
        return { durationLine: written.line };
    return {
        duration: Number.parseInt(written.value) || DEFAULT_ROLE_DURATION,
        durationLine: written.line
    };
}
function sessionRequests(steps) {
    return steps.flatMap((step, index) => {
        const role = roleInput(step);
        if (role === undefined)
            return [];
        const chaining = booleanInput(step.inputs.get('role-chaining'));
        const skipTagging = booleanInput(step.inputs.get('role-skip-session-tagging'));
        const chainedAfter = chaining === true ? chainedFrom(steps, index) : undefined;
        return [
            {
                step,
                ...(role.kind === 'literal' ? { roleArn: role.value.trim() } : {}),
                ...durationOf(step),
                ...(chaining === undefined ? {} : { chaining }),
                ...(skipTagging === undefined ? {} : { skipTagging }),
                ...(chainedAfter === undefined ? {} : { chainedAfter })
            }
        ];
    });
}
/**
 * The roles whose iam:GetRole answer could change the verdict: a duration STS accepts in
 * general but above one hour (every role allows at least 3600 seconds), or a chained step
 * that sends session tags.
 */
function rolesToRead(requests) {
    const wanted = requests.filter(request => request.roleArn !== undefined &&
        ((request.duration !== undefined &&
            request.duration > CHAINING_CAP &&
            request.duration <= MAX_ROLE_DURATION) ||
            (request.chaining === true && request.skipTagging === false)));
    return [...new Set(wanted.map(request => request.roleArn ?? ''))];
}
/**
 * Whether some Allow statement of the trust policy names `sts:TagSession` (or a wildcard that
 * covers it). Undefined for a document that is not a policy: nothing is concluded from it.
 */
function allowsTagSession(policy) {
    let document;
    try {
        document = JSON.parse(policy);
    }
    catch {
        return undefined;
    }
    if (!(0,lint/* isObject */.Gv)(document))
        return undefined;
    const raw = document.Statement;
    const statements = (Array.isArray(raw) ? raw : [raw]).filter(lint/* isObject */.Gv);
    return statements.some(statement => statement.Effect === 'Allow' &&
        (0,lint/* list */.p_)(statement.Action).some(action => (0,evaluate/* globMatch */.eu)(action, 'sts:TagSession', true)));
}
function durationWords(request, duration) {
    if (request.durationLine !== undefined)
        return `${duration} seconds (\`role-duration-seconds\`, line ${request.durationLine})`;
    return request.legacyDefault === true
        ? `${duration} seconds (the default of configure-aws-credentials before v3 with access keys; v3 and later ask for ${DEFAULT_ROLE_DURATION})`
        : `${duration} seconds (configure-aws-credentials' default)`;
}
/** STS's bounds for every role session, whatever the role. */
function boundRefusal(duration, asked) {
    if (duration < MIN_ROLE_DURATION)
        return {
            reason: `it asks for ${asked}, below the minimum of ${MIN_ROLE_DURATION} seconds STS accepts for a role session`,
            fix: `Set \`role-duration-seconds\` to at least ${MIN_ROLE_DURATION}, or remove it for configure-aws-credentials' default of ${DEFAULT_ROLE_DURATION}.`,
            evidence: `requested ${duration} s < minimum ${MIN_ROLE_DURATION} s`
        };
    if (duration > MAX_ROLE_DURATION)
        return {
            reason: `it asks for ${asked}, above the ceiling of ${MAX_ROLE_DURATION} seconds (12 hours) STS allows any role session`,
            fix: `Set \`role-duration-seconds\` to ${MAX_ROLE_DURATION} or less.`,
            evidence: `requested ${duration} s > ceiling ${MAX_ROLE_DURATION} s`
        };
    return undefined;
}
function chainingRefusal(request, duration, asked) {
    if (request.chainedAfter === undefined || duration <= CHAINING_CAP)
        return undefined;
    return {
        reason: `it chains roles (\`role-chaining: true\`, starting from the role session of the step at line ${request.chainedAfter.line}) and asks for ${asked}, above the ${CHAINING_CAP}-second (1 hour) cap on sessions assumed by role chaining: STS answers "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining."`,
        fix: `Set \`role-duration-seconds\` to ${CHAINING_CAP} or less on this step (or remove it: the default is ${DEFAULT_ROLE_DURATION}); no chained session lasts longer. Where the job needs ${duration} seconds, assume this role directly with OIDC instead of chaining, and give it a \`MaxSessionDuration\` of at least ${duration}.`,
        evidence: `requested ${duration} s > role-chaining cap ${CHAINING_CAP} s`
    };
}
function maximumRefusal(request, lookup, duration, asked) {
    const max = lookup?.ok === true ? lookup.maxSessionDuration : undefined;
    if (max === undefined || duration <= max)
        return undefined;
    const name = request.roleArn?.split('/').pop() ?? 'ROLE';
    return {
        reason: `it asks for ${asked}, above the role's \`MaxSessionDuration\` of ${max} seconds (read with \`iam:GetRole\`): STS answers ValidationError "The requested DurationSeconds exceeds the MaxSessionDuration set for this role."`,
        fix: `Set \`role-duration-seconds\` to ${max} or less, or raise the role's maximum (up to ${MAX_ROLE_DURATION}): ${(0,markdown/* code */.aY)(`aws iam update-role --role-name ${(0,quoting/* shellArg */.JP)(name)} --max-session-duration ${duration}`)}.`,
        evidence: `requested ${duration} s > MaxSessionDuration ${max} s`
    };
}
function durationRefusals(request, lookup) {
    const duration = request.duration;
    if (duration === undefined)
        return [];
    const asked = durationWords(request, duration);
    const bound = boundRefusal(duration, asked);
    if (bound !== undefined)
        return [bound];
    return [
        chainingRefusal(request, duration, asked),
        maximumRefusal(request, lookup, duration, asked)
    ].filter((refusal) => refusal !== undefined);
}
function tagRefusal(request, lookup) {
    if (request.chaining !== true || request.skipTagging !== false || lookup?.ok !== true)
        return [];
    if (allowsTagSession(lookup.trustPolicy) !== false)
        return [];
    return [
        {
            reason: 'it chains roles and sends session tags (no `role-skip-session-tagging: true`), but no statement of the role\'s trust policy (read with `iam:GetRole`) allows `sts:TagSession`: STS answers AccessDenied "… is not authorized to perform: sts:TagSession on resource: …"',
            fix: 'Add `sts:TagSession` to the `Action` of the trust-policy statement that admits the previous role (beside `sts:AssumeRole`), or set `role-skip-session-tagging: true` on this step.',
            evidence: 'session tags sent; the trust policy allows no sts:TagSession'
        }
    ];
}
/** A value from the workflow file as one code span on one line: YAML can quote in a newline. */
function shown(value) {
    return (0,markdown/* code */.aY)(value.replace(/\s+/gu, ' '));
}
function stepWords(step) {
    const name = step.name === undefined ? '' : ` ${shown(step.name)}`;
    const when = step.afterThisStep ? 'a later step' : 'the step';
    return `${when}${name} at line ${step.line} (${shown(step.uses)})`;
}
/** The findings for the steps STS will refuse; nothing for a step that may work. */
function sessionLimitFindings(file, requests, lookups) {
    return requests.flatMap(request => {
        const lookup = request.roleArn === undefined ? undefined : lookups.get(request.roleArn);
        const refusals = [...durationRefusals(request, lookup), ...tagRefusal(request, lookup)];
        if (refusals.length === 0)
            return [];
        const role = request.roleArn === undefined ? 'its role' : shown(request.roleArn);
        const condition = request.step.conditional ? ', where its `if:` lets it run,' : '';
        const reasons = refusals.map(refusal => refusal.reason).join('; and ');
        const item = (0,findings/* finding */.gk)('role-session-duration-exceeded', {
            // A reason that ends with STS's own sentence ends the message.
            message: `STS will refuse ${stepWords(request.step)}${condition} when it assumes ${role}: ${reasons}${reasons.endsWith('."') ? '' : '.'}`,
            remediation: refusals.map(refusal => refusal.fix).join('\n\n'),
            evidence: refusals.map(refusal => refusal.evidence)
        });
        return [{ ...item, location: { file, line: request.step.line } }];
    });
}

;// CONCATENATED MODULE: ./src/aws/role-limits.ts






/** A workflow names a handful of roles; a file that names more gets the first few read. */
const MAX_ROLES_READ = 5;
const CHECK_NAME = 'IAM GetRole (session limits)';
/** The job's own credentials, where it has some that iam:GetRole can be called with. */
async function reader(discovery, settings, deadline, onSecret) {
    if (!settings.checkIam)
        return { unavailable: '`check-iam` is false' };
    const selected = discovery.selected;
    if (selected === undefined || selected.kind === 'none')
        return { unavailable: 'this step has no credentials to call iam:GetRole with' };
    const profile = settings.profile ?? discovery.profile.name;
    const resolved = await (0,credentials/* resolveCredentials */.z8)(discovery, profile === 'default' ? undefined : profile, deadline);
    if (!resolved.ok)
        return { unavailable: `this step's credentials are unusable` };
    onSecret(resolved.credentials.secretAccessKey);
    if (resolved.credentials.sessionToken !== undefined)
        onSecret(resolved.credentials.sessionToken);
    return { credentials: resolved.credentials };
}
/** One role read, with what it means for the verdict. */
async function readRole(roleArn, discovery, credentials, deadline) {
    const route = (0,endpoints/* iamRoute */.VD)(discovery.network, (0,regions/* partitionOfArn */.Fh)(roleArn));
    const outcome = await (0,iam_role/* getRole */.L)({
        roleArn,
        credentials,
        ...(route.override === undefined ? {} : { endpoint: route.override.url }),
        ...(route.proxy === undefined ? {} : { proxy: route.proxy })
    }, deadline);
    if (!outcome.ok)
        return {
            ok: false,
            reason: outcome.failure.code === 'AccessDenied'
                ? "iam:GetRole is denied to this step's credentials"
                : `iam:GetRole failed (${(0,markdown/* code */.aY)(outcome.failure.code)})`
        };
    // GetRole takes a role name: credentials of another account would read another role.
    const wanted = (0,iam_role/* parseRoleArn */.D)(roleArn)?.accountId;
    const found = (0,iam_role/* parseRoleArn */.D)(outcome.arn)?.accountId;
    if (wanted === undefined || found !== wanted)
        return { ok: false, reason: `this step's credentials belong to another account` };
    return {
        ok: true,
        trustPolicy: outcome.trustPolicy,
        ...(outcome.maxSessionDuration === undefined
            ? {}
            : { maxSessionDuration: outcome.maxSessionDuration })
    };
}
function checkLine(roleArn, lookup) {
    if (lookup.ok)
        return {
            name: CHECK_NAME,
            outcome: 'info',
            detail: `${(0,markdown/* code */.aY)(roleArn)}: MaxSessionDuration ${lookup.maxSessionDuration ?? 'not given'} s`
        };
    return {
        name: CHECK_NAME,
        outcome: 'skip',
        detail: `${(0,markdown/* code */.aY)(roleArn)}: not read (${lookup.reason}), so its own MaxSessionDuration and trust policy are unchecked (the 12-hour ceiling and the 1-hour role-chaining cap are checked without it); allow \`iam:GetRole\` on ${(0,markdown/* code */.aY)(roleArn)} to the credentials of this step to check them`
    };
}
async function checkSessionLimits(discovery, settings, options) {
    const workflow = discovery.workflow;
    const steps = workflow?.credentialSteps;
    if (workflow === undefined || steps === undefined)
        return { checks: [], findings: [] };
    const requests = sessionRequests(steps);
    const roles = rolesToRead(requests).slice(0, MAX_ROLES_READ);
    const lookups = new Map();
    if (roles.length > 0) {
        const job = await reader(discovery, settings, options.deadline, options.onSecret);
        const read = await Promise.all(roles.map(async (roleArn) => 'credentials' in job
            ? readRole(roleArn, discovery, job.credentials, options.deadline)
            : { ok: false, reason: job.unavailable }));
        roles.forEach((roleArn, index) => {
            const lookup = read[index];
            if (lookup !== undefined)
                lookups.set(roleArn, lookup);
        });
    }
    return {
        checks: [...lookups].map(([roleArn, lookup]) => checkLine(roleArn, lookup)),
        findings: sessionLimitFindings(workflow.path, requests, lookups)
    };
}


/***/ }),

/***/ 2312:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Gv: () => (/* binding */ isObject),
/* harmony export */   K6: () => (/* binding */ lintTrustPolicy),
/* harmony export */   p_: () => (/* binding */ list)
/* harmony export */ });
/* harmony import */ var _claims_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2704);
/* harmony import */ var _evaluate_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2934);


function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
/** A policy value that may be one string or a list of them. */
function list(value) {
    if (typeof value === 'string')
        return [value];
    return Array.isArray(value)
        ? value.filter((item) => typeof item === 'string')
        : [];
}
function conditionsOf(statement) {
    const block = statement.Condition;
    if (!isObject(block))
        return [];
    return Object.entries(block).flatMap(([operator, keys]) => isObject(keys)
        ? Object.entries(keys).map(([key, value]) => ({ operator, key, values: list(value) }))
        : []);
}
/** A `sub` pattern that admits repositories of any owner: `*`, `repo:*`, or a wildcard in the owner. */
function anyOwner(pattern) {
    if (!/[*?]/u.test(pattern))
        return false;
    const owner = /^repo:([^/]*)/u.exec(pattern)?.[1];
    // A customised template (`repository_owner:acme:…`): only a bare wildcard admits every owner.
    if (owner === undefined)
        return /^[*?]+$/u.test(pattern);
    // `acme@*` keeps the owner's name (names hold no `@`): only a wildcard in the name widens it.
    return /[*?]/u.test(owner.split('@')[0] ?? owner);
}
function lintTrustPolicy(input) {
    let document;
    try {
        document = JSON.parse(input.policy);
    }
    catch {
        return [];
    }
    if (!isObject(document))
        return [];
    const host = (0,_claims_js__WEBPACK_IMPORTED_MODULE_1__/* .issuerHost */ .c1)(input.issuer) ?? 'token.actions.githubusercontent.com';
    const provider = (0,_evaluate_js__WEBPACK_IMPORTED_MODULE_0__/* .providerArnFor */ .IO)(input.roleArn, input.issuer);
    const subKey = `${host}:sub`;
    const audKey = `${host}:aud`;
    const exactSub = (0,_evaluate_js__WEBPACK_IMPORTED_MODULE_0__/* .conditionJson */ .Cc)('StringEquals', subKey, input.sub ?? 'repo:OWNER/REPO:ref:refs/heads/main');
    const raw = document.Statement;
    const statements = (Array.isArray(raw) ? raw : [raw]).filter(isObject);
    return statements.flatMap((statement, index) => {
        const label = (0,_evaluate_js__WEBPACK_IMPORTED_MODULE_0__/* .statementName */ .Vy)(statement, index);
        const principal = isObject(statement.Principal) ? list(statement.Principal.Federated) : [];
        const trustsProvider = principal.includes(provider) || principal.includes('*');
        const allows = statement.Effect === 'Allow' &&
            list(statement.Action).some(action => (0,_evaluate_js__WEBPACK_IMPORTED_MODULE_0__/* .globMatch */ .eu)(action, _evaluate_js__WEBPACK_IMPORTED_MODULE_0__/* .ACTION */ .hr, true));
        if (!trustsProvider || !allows)
            return [];
        const conditions = conditionsOf(statement);
        const on = (key) => conditions.filter(condition => condition.key.toLowerCase() === key.toLowerCase());
        const found = [];
        const subs = on(subKey).filter(condition => !/^StringNot/iu.test(condition.operator));
        const workflowPinned = on(`${host}:job_workflow_ref`).length > 0;
        if (subs.length === 0 && !workflowPinned)
            found.push({
                statement: label,
                problem: { kind: 'no-sub-condition', key: subKey },
                narrower: exactSub
            });
        for (const condition of subs) {
            if (/^ForAllValues:/iu.test(condition.operator))
                found.push({
                    statement: label,
                    problem: { kind: 'for-all-values', operator: condition.operator, key: condition.key },
                    narrower: exactSub
                });
            const like = /StringLike/iu.test(condition.operator);
            for (const value of condition.values.filter(item => like && anyOwner(item)))
                found.push({
                    statement: label,
                    problem: {
                        kind: 'any-owner',
                        value,
                        operator: condition.operator,
                        key: condition.key
                    },
                    narrower: input.sub === undefined ? exactSub : narrowerPattern(subKey, input.sub)
                });
        }
        if (on(audKey).length === 0)
            found.push({
                statement: label,
                problem: { kind: 'no-aud-condition', key: audKey },
                narrower: (0,_evaluate_js__WEBPACK_IMPORTED_MODULE_0__/* .conditionJson */ .Cc)('StringEquals', audKey, input.audience ?? 'sts.amazonaws.com')
            });
        return found;
    });
}
/** This job's repository with a wildcard after it, or its exact `sub` for a customised one. */
function narrowerPattern(subKey, sub) {
    const repo = /^repo:([^:]+):/u.exec(sub)?.[1];
    return repo === undefined
        ? (0,_evaluate_js__WEBPACK_IMPORTED_MODULE_0__/* .conditionJson */ .Cc)('StringEquals', subKey, sub)
        : (0,_evaluate_js__WEBPACK_IMPORTED_MODULE_0__/* .conditionJson */ .Cc)('StringLike', subKey, `repo:${repo}:*`);
}


/***/ })

};
