export const id = 999;
export const ids = [999];
export const modules = {

/***/ 2999:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  checkSessionLimits: () => (/* binding */ checkSessionLimits)
});

// UNUSED EXPORTS: refusedStepFinding, sessionLimitFindings, sessionLimitsWritten

// EXTERNAL MODULE: ./src/aws/credentials.ts + 1 modules
var credentials = __webpack_require__(9125);
// EXTERNAL MODULE: ./src/aws/endpoints.ts
var endpoints = __webpack_require__(9843);
// EXTERNAL MODULE: ./src/aws/iam-role.ts
var iam_role = __webpack_require__(5385);
// EXTERNAL MODULE: ./src/aws/regions.ts
var regions = __webpack_require__(736);
// EXTERNAL MODULE: ./src/oidc/evaluate.ts
var evaluate = __webpack_require__(2934);
// EXTERNAL MODULE: ./src/oidc/lint.ts
var lint = __webpack_require__(2312);
;// CONCATENATED MODULE: ./src/aws/session-limits.ts


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
/** One reason a step will be refused: what STS says, and what to change. */
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
/** STS's bounds for every role session, whatever the role. */
function boundRefusal(duration) {
    if (duration < MIN_ROLE_DURATION)
        return { kind: 'below-minimum', duration };
    if (duration > MAX_ROLE_DURATION)
        return { kind: 'above-ceiling', duration };
    return undefined;
}
function chainingRefusal(request, duration) {
    if (request.chainedAfter === undefined || duration <= CHAINING_CAP)
        return undefined;
    return { kind: 'chaining-cap', duration, chainedAfterLine: request.chainedAfter.line };
}
function maximumRefusal(request, lookup, duration) {
    const max = lookup?.ok === true ? lookup.maxSessionDuration : undefined;
    if (max === undefined || duration <= max)
        return undefined;
    const roleName = request.roleArn?.split('/').pop() ?? 'ROLE';
    return { kind: 'above-maximum', duration, max, roleName };
}
function durationRefusals(request, lookup) {
    const duration = request.duration;
    if (duration === undefined)
        return [];
    const bound = boundRefusal(duration);
    if (bound !== undefined)
        return [bound];
    return [chainingRefusal(request, duration), maximumRefusal(request, lookup, duration)].filter((refusal) => refusal !== undefined);
}
function tagRefusal(request, lookup) {
    if (request.chaining !== true || request.skipTagging !== false || lookup?.ok !== true)
        return [];
    return allowsTagSession(lookup.trustPolicy) === false ? [{ kind: 'tag-session' }] : [];
}
/** The steps STS will refuse; nothing for a step that may work. */
function refusedSteps(requests, lookups) {
    return requests.flatMap(request => {
        const lookup = request.roleArn === undefined ? undefined : lookups.get(request.roleArn);
        const refusals = [...durationRefusals(request, lookup), ...tagRefusal(request, lookup)];
        return refusals.length === 0 ? [] : [{ request, refusals }];
    });
}

;// CONCATENATED MODULE: ./src/aws/role-limits.ts





/** A workflow names a handful of roles; a file that names more gets the first few read. */
const MAX_ROLES_READ = 5;
/** The job's own credentials, where it has some that iam:GetRole can be called with. */
async function reader(discovery, settings, deadline, onSecret) {
    if (!settings.checkIam)
        return { unavailable: { kind: 'check-iam-off' } };
    const selected = discovery.selected;
    if (selected === undefined || selected.kind === 'none')
        return { unavailable: { kind: 'no-credentials' } };
    const profile = settings.profile ?? discovery.profile.name;
    const resolved = await (0,credentials/* resolveCredentials */.z8)(discovery, profile === 'default' ? undefined : profile, deadline);
    if (!resolved.ok)
        return { unavailable: { kind: 'credentials-unusable' } };
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
                ? { kind: 'denied' }
                : { kind: 'failed', code: outcome.failure.code }
        };
    // GetRole takes a role name: credentials of another account would read another role.
    const wanted = (0,iam_role/* parseRoleArn */.D)(roleArn)?.accountId;
    const found = (0,iam_role/* parseRoleArn */.D)(outcome.arn)?.accountId;
    if (wanted === undefined || found !== wanted)
        return { ok: false, reason: { kind: 'other-account' } };
    return {
        ok: true,
        trustPolicy: outcome.trustPolicy,
        ...(outcome.maxSessionDuration === undefined
            ? {}
            : { maxSessionDuration: outcome.maxSessionDuration })
    };
}
/** Reads the roles the workflow's later steps assume; undefined without such steps. */
async function readSessionLimits(discovery, settings, options) {
    const workflow = discovery.workflow;
    const steps = workflow?.credentialSteps;
    if (workflow === undefined || steps === undefined)
        return undefined;
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
    return { file: workflow.path, requests, lookups };
}

// EXTERNAL MODULE: ./src/findings.ts
var findings = __webpack_require__(1001);
// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(4285);
// EXTERNAL MODULE: ./src/report/quoting.ts
var quoting = __webpack_require__(6721);
;// CONCATENATED MODULE: ./src/report/session-limits.ts
/**
 * The one home of `role-session-duration-exceeded`'s words, and of the session-limits check
 * lines, from the facts src/aws/session-limits.ts and src/aws/role-limits.ts find: which later
 * steps STS will refuse and why, and which roles iam:GetRole read.
 */





const CHECK_NAME = 'IAM GetRole (session limits)';
function durationWords(request, duration) {
    if (request.durationLine !== undefined)
        return `${duration} seconds (\`role-duration-seconds\`, line ${request.durationLine})`;
    return request.legacyDefault === true
        ? `${duration} seconds (the default of configure-aws-credentials before v3 with access keys; v3 and later ask for ${DEFAULT_ROLE_DURATION})`
        : `${duration} seconds (configure-aws-credentials' default)`;
}
const TAG_SESSION = {
    reason: 'it chains roles and sends session tags (no `role-skip-session-tagging: true`), but no statement of the role\'s trust policy (read with `iam:GetRole`) allows `sts:TagSession`: STS answers AccessDenied "… is not authorized to perform: sts:TagSession on resource: …"',
    fix: 'Add `sts:TagSession` to the `Action` of the trust-policy statement that admits the previous role (beside `sts:AssumeRole`), or set `role-skip-session-tagging: true` on this step.',
    evidence: 'session tags sent; the trust policy allows no sts:TagSession'
};
/** One refusal in words; `request` says where the duration came from. */
function refusalWords(refusal, request) {
    if (refusal.kind === 'tag-session')
        return TAG_SESSION;
    const { duration } = refusal;
    const asked = durationWords(request, duration);
    switch (refusal.kind) {
        case 'below-minimum':
            return {
                reason: `it asks for ${asked}, below the minimum of ${MIN_ROLE_DURATION} seconds STS accepts for a role session`,
                fix: `Set \`role-duration-seconds\` to at least ${MIN_ROLE_DURATION}, or remove it for configure-aws-credentials' default of ${DEFAULT_ROLE_DURATION}.`,
                evidence: `requested ${duration} s < minimum ${MIN_ROLE_DURATION} s`
            };
        case 'above-ceiling':
            return {
                reason: `it asks for ${asked}, above the ceiling of ${MAX_ROLE_DURATION} seconds (12 hours) STS allows any role session`,
                fix: `Set \`role-duration-seconds\` to ${MAX_ROLE_DURATION} or less.`,
                evidence: `requested ${duration} s > ceiling ${MAX_ROLE_DURATION} s`
            };
        case 'chaining-cap':
            return {
                reason: `it chains roles (\`role-chaining: true\`, starting from the role session of the step at line ${refusal.chainedAfterLine}) and asks for ${asked}, above the ${CHAINING_CAP}-second (1 hour) cap on sessions assumed by role chaining: STS answers "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining."`,
                fix: `Set \`role-duration-seconds\` to ${CHAINING_CAP} or less on this step (or remove it: the default is ${DEFAULT_ROLE_DURATION}); no chained session lasts longer. Where the job needs ${duration} seconds, assume this role directly with OIDC instead of chaining, and give it a \`MaxSessionDuration\` of at least ${duration}.`,
                evidence: `requested ${duration} s > role-chaining cap ${CHAINING_CAP} s`
            };
        case 'above-maximum':
            return {
                reason: `it asks for ${asked}, above the role's \`MaxSessionDuration\` of ${refusal.max} seconds (read with \`iam:GetRole\`): STS answers ValidationError "The requested DurationSeconds exceeds the MaxSessionDuration set for this role."`,
                fix: `Set \`role-duration-seconds\` to ${refusal.max} or less, or raise the role's maximum (up to ${MAX_ROLE_DURATION}): ${(0,markdown/* code */.aY)(`aws iam update-role --role-name ${(0,quoting/* shellArg */.JP)(refusal.roleName)} --max-session-duration ${duration}`)}.`,
                evidence: `requested ${duration} s > MaxSessionDuration ${refusal.max} s`
            };
    }
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
/** The finding for one step STS will refuse. */
function refusedStepFinding(file, refused) {
    const { request } = refused;
    const refusals = refused.refusals.map(refusal => refusalWords(refusal, request));
    const role = request.roleArn === undefined ? 'its role' : shown(request.roleArn);
    const condition = request.step.conditional ? ', where its `if:` lets it run,' : '';
    const reasons = refusals.map(refusal => refusal.reason).join('; and ');
    const item = (0,findings/* finding */.gk)('role-session-duration-exceeded', {
        // A reason that ends with STS's own sentence ends the message.
        message: `STS will refuse ${stepWords(request.step)}${condition} when it assumes ${role}: ${reasons}${reasons.endsWith('."') ? '' : '.'}`,
        remediation: refusals.map(refusal => refusal.fix).join('\n\n'),
        evidence: refusals.map(refusal => refusal.evidence)
    });
    return { ...item, location: { file, line: request.step.line } };
}
/** The findings for the steps STS will refuse; nothing for a step that may work. */
function sessionLimitFindings(file, requests, lookups) {
    return refusedSteps(requests, lookups).map(refused => refusedStepFinding(file, refused));
}
/** Why a role was not read, in words. */
function gapWords(gap) {
    switch (gap.kind) {
        case 'check-iam-off':
            return '`check-iam` is false';
        case 'no-credentials':
            return 'this step has no credentials to call iam:GetRole with';
        case 'credentials-unusable':
            return `this step's credentials are unusable`;
        case 'denied':
            return "iam:GetRole is denied to this step's credentials";
        case 'failed':
            return `iam:GetRole failed (${(0,markdown/* code */.aY)(gap.code)})`;
        case 'other-account':
            return `this step's credentials belong to another account`;
    }
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
        detail: `${(0,markdown/* code */.aY)(roleArn)}: not read (${gapWords(lookup.reason)}), so its own MaxSessionDuration and trust policy are unchecked (the 12-hour ceiling and the 1-hour role-chaining cap are checked without it); allow \`iam:GetRole\` on ${(0,markdown/* code */.aY)(roleArn)} to the credentials of this step to check them`
    };
}
/** The session-limits phase written out: a check line per role read, a finding per refused step. */
function sessionLimitsWritten(facts) {
    if (facts === undefined)
        return { checks: [], findings: [] };
    return {
        checks: [...facts.lookups].map(([roleArn, lookup]) => checkLine(roleArn, lookup)),
        findings: sessionLimitFindings(facts.file, facts.requests, facts.lookups)
    };
}
async function checkSessionLimits(discovery, settings, options) {
    return sessionLimitsWritten(await readSessionLimits(discovery, settings, options));
}


/***/ })

};
