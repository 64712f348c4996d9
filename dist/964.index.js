export const id = 964;
export const ids = [964];
export const modules = {

/***/ 8964:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runOidcDoctor: () => (/* binding */ runOidcDoctor)
});

// EXTERNAL MODULE: ./src/aws/classify.ts + 1 modules
var classify = __webpack_require__(4653);
;// CONCATENATED MODULE: ./src/aws/classify-web-identity.ts
/**
 * The SDK names modelled errors after their classes (`InvalidIdentityTokenException`); STS's
 * answer, its documentation and every report people search for use the wire code
 * (`InvalidIdentityToken`). Codes whose wire form ends in `Exception` keep it.
 */
const WIRE_CODES = {
    InvalidIdentityTokenException: 'InvalidIdentityToken',
    IDPRejectedClaimException: 'IDPRejectedClaim',
    IDPCommunicationErrorException: 'IDPCommunicationError',
    MalformedPolicyDocumentException: 'MalformedPolicyDocument',
    PackedPolicyTooLargeException: 'PackedPolicyTooLarge'
};
function wireCode(failure) {
    return WIRE_CODES[failure.code] ?? failure.code;
}
/** The kind each wire code means; `InvalidIdentityToken` is told apart by its message. */
const KIND_OF_CODE = {
    AccessDenied: 'trust-policy',
    AccessDeniedException: 'trust-policy',
    ExpiredTokenException: 'expired',
    ExpiredToken: 'expired',
    RegionDisabledException: 'region',
    ValidationError: 'request-invalid',
    MalformedPolicyDocument: 'request-invalid',
    PackedPolicyTooLarge: 'request-invalid',
    IDPRejectedClaim: 'request-invalid'
};
function invalidTokenKind(message) {
    if (/No OpenIDConnect provider found/iu.test(message))
        return 'provider-missing';
    if (/Incorrect token audience/iu.test(message))
        return 'audience';
    if (/thumbprint/iu.test(message))
        return 'provider-thumbprint';
    return 'token-invalid';
}
function webIdentityFailureKind(failure) {
    if (failure.kind !== 'service')
        return 'transport';
    const code = wireCode(failure);
    if (code === 'InvalidIdentityToken')
        return invalidTokenKind(failure.message);
    return Object.hasOwn(KIND_OF_CODE, code) ? (KIND_OF_CODE[code] ?? 'transport') : 'transport';
}

// EXTERNAL MODULE: ./src/aws/credentials.ts + 1 modules
var credentials = __webpack_require__(9125);
// EXTERNAL MODULE: ./src/aws/endpoint-override.ts
var endpoint_override = __webpack_require__(5089);
// EXTERNAL MODULE: ./src/aws/http.ts
var http = __webpack_require__(5421);
// EXTERNAL MODULE: ./src/aws/iam-role.ts
var iam_role = __webpack_require__(5385);
// EXTERNAL MODULE: ./src/aws/endpoints.ts
var endpoints = __webpack_require__(9843);
// EXTERNAL MODULE: ./src/aws/regions.ts
var regions = __webpack_require__(736);
// EXTERNAL MODULE: ./src/aws/validate.ts + 15 modules
var validate = __webpack_require__(4849);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-sts/dist-es/commandBuilder.js
var commandBuilder = __webpack_require__(635);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-sts/dist-es/schemas/schemas_0.js + 2 modules
var schemas_0 = __webpack_require__(5741);
;// CONCATENATED MODULE: ./node_modules/@aws-sdk/client-sts/dist-es/commands/AssumeRoleWithWebIdentityCommand.js


class AssumeRoleWithWebIdentityCommand extends (0,commandBuilder/* command */.G5)(commandBuilder/* _ep0 */.lq, commandBuilder/* _mw0 */.yt, "AssumeRoleWithWebIdentity", schemas_0/* AssumeRoleWithWebIdentity$ */.p$) {
}

// EXTERNAL MODULE: ./src/aws/sts.ts
var sts = __webpack_require__(8665);
;// CONCATENATED MODULE: ./src/aws/web-identity.ts
/**
 * STS AssumeRoleWithWebIdentity behind a narrow wrapper. The operation is unsigned (noAuth in
 * the STS model), so no credentials are configured; the web identity token is sent and nothing
 * else learns it. The temporary credentials of a success go to `onSecret` before anything else
 * happens with them; they are then used once, for GetCallerIdentity, and dropped.
 */



/** The shortest session STS allows: the credentials are only used to ask who they are. */
const DURATION_SECONDS = 900;
async function assumeRoleWithWebIdentity(config, request, deadline, onSecret) {
    const client = (0,sts/* stsClient */.Km)(config, undefined, deadline);
    let current = {};
    (0,http/* recordResponses */.gt)(client, () => current);
    try {
        const result = await (0,sts/* withRetries */.LH)(deadline, async (record) => {
            current = record;
            return client.send(new AssumeRoleWithWebIdentityCommand({
                RoleArn: request.roleArn,
                RoleSessionName: request.sessionName,
                WebIdentityToken: request.token,
                DurationSeconds: DURATION_SECONDS
            }), { abortSignal: deadline.signal() });
        });
        if (!result.ok)
            return { ok: false, failure: result.failure, response: result.record };
        const { Credentials } = result.value;
        // Masked first: whatever happens next, these never reach the log unmasked.
        if (Credentials?.SecretAccessKey !== undefined)
            onSecret(Credentials.SecretAccessKey);
        if (Credentials?.SessionToken !== undefined)
            onSecret(Credentials.SessionToken);
        const details = detailsOf(result.value);
        const credentials = completeCredentials(Credentials);
        if (credentials === undefined) {
            return {
                ok: true,
                identity: undefined,
                identityFailure: {
                    code: 'IncompleteResponse',
                    message: 'AssumeRoleWithWebIdentity answered without complete credentials',
                    kind: 'unreadable',
                    attempts: result.attempts
                },
                response: result.record,
                ...details
            };
        }
        const called = await (0,sts/* getCallerIdentity */.eL)(config, credentials, deadline);
        return called.ok
            ? { ok: true, identity: called.identity, response: result.record, ...details }
            : {
                ok: true,
                identity: undefined,
                identityFailure: called.failure,
                response: result.record,
                ...details
            };
    }
    finally {
        client.destroy();
    }
}
/** What the answer says besides the credentials, each field only where STS sent it. */
function detailsOf({ Credentials, AssumedRoleUser, SubjectFromWebIdentityToken, Audience, Provider }) {
    return {
        ...(AssumedRoleUser?.Arn === undefined ? {} : { assumedRoleArn: AssumedRoleUser.Arn }),
        ...(SubjectFromWebIdentityToken === undefined
            ? {}
            : { subjectFromToken: SubjectFromWebIdentityToken }),
        ...(Audience === undefined ? {} : { audience: Audience }),
        ...(Provider === undefined ? {} : { provider: Provider }),
        ...(Credentials?.Expiration === undefined ? {} : { expiration: Credentials.Expiration })
    };
}
/** The temporary credentials, or undefined when STS left a part out. */
function completeCredentials(credentials) {
    if (credentials?.AccessKeyId === undefined ||
        credentials.SecretAccessKey === undefined ||
        credentials.SessionToken === undefined)
        return undefined;
    return {
        accessKeyId: credentials.AccessKeyId,
        secretAccessKey: credentials.SecretAccessKey,
        sessionToken: credentials.SessionToken
    };
}

// EXTERNAL MODULE: ./src/checks/check.ts + 17 modules
var check = __webpack_require__(1153);
// EXTERNAL MODULE: ./src/jwt.ts
var src_jwt = __webpack_require__(6962);
// EXTERNAL MODULE: ./src/oidc/claims.ts
var oidc_claims = __webpack_require__(2704);
// EXTERNAL MODULE: ./src/oidc/evaluate.ts
var evaluate = __webpack_require__(2934);
// EXTERNAL MODULE: ./src/oidc/in-use.ts
var in_use = __webpack_require__(2996);
// EXTERNAL MODULE: ./src/oidc/lint.ts
var lint = __webpack_require__(2312);
;// CONCATENATED MODULE: ./src/oidc/session-name.ts
const SESSION_NAME_PATTERN = /^[\w+=,.@-]{2,64}$/u;
const PREFIX = 'aws-credentials-doctor';
function sessionName(github) {
    const runId = (github.runId ?? '').replace(/[^\w+=,.@-]/gu, '');
    const name = runId === '' ? PREFIX : `${PREFIX}-${runId}`;
    return name.slice(0, 64);
}

;// CONCATENATED MODULE: ./src/oidc/role-arn.ts
/**
 * What is wrong with a `role-to-assume` value before STS is asked, and the role ARN it most
 * likely meant. Users paste a role name, a path, the ARN of the session they saw in a log
 * (`arn:aws:sts::…:assumed-role/NAME/SESSION`), an instance profile or a user; or a role of
 * another partition (China, GovCloud) while the job's region is a commercial one, where only
 * that partition's STS can assume it. Pure: the words are in src/report/oidc-findings.ts.
 */


/** A role name alone (`deploy`), with a path (`ci/deploy`), or `role/…` as the console shows. */
const ROLE_PATH = /^(?:role\/)?((?:[\w+=,.@-]+\/)*[\w+=,.@-]+)$/u;
function notARole(value) {
    const fields = value.split(':');
    const [, partition = 'aws', service = '', , account = '', ...rest] = fields;
    const resource = rest.join(':');
    const session = /^assumed-role\/([\w+=,.@-]+)\/[^/]+$/u.exec(resource);
    if (service === 'sts' && session !== null)
        return {
            kind: 'not-a-role',
            what: { is: 'session' },
            meant: `arn:${partition}:iam::${account}:role/${session[1] ?? ''}`
        };
    const profile = /^instance-profile\/(.+)$/u.exec(resource);
    if (service === 'iam' && profile !== null)
        return {
            kind: 'not-a-role',
            what: { is: 'instance-profile' },
            meant: `arn:${partition}:iam::${account}:role/${profile[1] ?? ''}`
        };
    if (service === 'iam' && resource.startsWith('user/'))
        return { kind: 'not-a-role', what: { is: 'user' } };
    const type = /^([a-z-]+)\//u.exec(resource)?.[1];
    if (service === 'iam' && type !== undefined && type !== 'role')
        return { kind: 'not-a-role', what: { is: 'iam-resource', type } };
    if (service !== '' && service !== 'iam' && service !== 'sts' && resource !== '')
        return { kind: 'not-a-role', what: { is: 'service', service } };
    // A missing colon, a stray character: no part can be trusted to say what was meant.
    return undefined;
}
function roleArnProblem(value, hints) {
    const regionPartition = (0,regions/* partitionOfRegion */.cn)(hints.region);
    if (!value.startsWith('arn:')) {
        const path = ROLE_PATH.exec(value)?.[1];
        if (path === undefined)
            return { kind: 'malformed' };
        return {
            kind: 'not-an-arn',
            meant: `arn:${regionPartition}:iam::${hints.account ?? 'ACCOUNT_ID'}:role/${path}`,
            accountKnown: hints.account !== undefined
        };
    }
    const parts = (0,iam_role/* parseRoleArn */.D)(value);
    if (parts === undefined)
        return notARole(value) ?? { kind: 'malformed' };
    const partition = (0,regions/* partitionOfArn */.Fh)(value);
    if (partition !== undefined && partition !== regionPartition)
        return {
            kind: 'other-partition',
            partition,
            region: hints.region,
            suggestedRegion: regions/* HOME_REGION */.$c[partition]
        };
    return undefined;
}

// EXTERNAL MODULE: ./src/oidc/sub.ts
var oidc_sub = __webpack_require__(8199);
// EXTERNAL MODULE: ./src/oidc/token-file.ts
var token_file = __webpack_require__(4147);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
// EXTERNAL MODULE: ./src/aws/proxy.ts
var aws_proxy = __webpack_require__(1373);
// EXTERNAL MODULE: ./src/aws/deadline.ts
var aws_deadline = __webpack_require__(7969);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
;// CONCATENATED MODULE: ./src/oidc/token-request.ts
/**
 * Requests this job's OIDC token from the runner's token service, the way @actions/core's
 * `getIDToken` does (`GET <ACTIONS_ID_TOKEN_REQUEST_URL>&audience=…` with the request token as
 * a bearer), but bounded by the run's deadline and without core's own `::add-mask::`: the
 * caller hands the token to the publisher's masking before anything else happens. Like core's
 * HTTP client, it goes through `HTTPS_PROXY` (unless `NO_PROXY` says otherwise): Node's own
 * `fetch` ignores proxies, which on a self-hosted runner behind one is a false failure.
 */





/** Answers larger than this are not a token response; reading stops there. */
const MAX_BODY_BYTES = 1024 * 1024;
/** One GET, read to the end (bounded), aborted by `signal`. */
function get(url, headers, signal, proxy) {
    return new Promise((resolve, reject) => {
        const target = new URL(url);
        const secure = target.protocol === 'https:';
        const agents = proxy === undefined ? undefined : (0,aws_proxy/* proxyAgents */.Hd)(proxy);
        const agent = agents === undefined ? undefined : secure ? agents.httpsAgent : agents.httpAgent;
        const send = secure ? external_node_https_.request : external_node_http_.request;
        const request = send(target, { method: 'GET', headers, signal, ...(agent === undefined ? {} : { agent }) }, response => {
            const chunks = [];
            let size = 0;
            response.on('data', (chunk) => {
                size += chunk.length;
                if (size <= MAX_BODY_BYTES)
                    chunks.push(chunk);
            });
            response.on('end', () => resolve({
                status: response.statusCode ?? 0,
                body: Buffer.concat(chunks).toString('utf8')
            }));
            response.on('error', reject);
        });
        request.on('error', reject);
        request.end();
    });
}
/** The URL already carries `?api-version=…`; the audience is appended like core does. */
function tokenUrl(requestUrl, audience) {
    const separator = requestUrl.includes('?') ? '&' : '?';
    return `${requestUrl}${separator}audience=${encodeURIComponent(audience)}`;
}
/** The service's error text: its JSON `message` field where there is one, else the body's start. */
function errorDetail(body) {
    try {
        const parsed = JSON.parse(body);
        const message = (0,errors/* errorProperty */.cB)(parsed, 'message');
        if (message !== undefined && message !== '')
            return message.slice(0, 300);
    }
    catch {
        // Not JSON: the raw body is the best description there is.
    }
    const text = body.replace(/\s+/gu, ' ').trim();
    return text === '' ? '(empty body)' : text.slice(0, 300);
}
function tokenOf(body) {
    try {
        const value = (0,errors/* errorProperty */.cB)(JSON.parse(body), 'value');
        return value === undefined || value === '' ? undefined : value;
    }
    catch {
        return undefined;
    }
}
/** The runner's HTTP client retries these; so do we, within the deadline. */
const RETRYABLE_STATUS = new Set([502, 503, 504]);
const BACKOFF_MS = [200, 600, 1500];
/** A status the runner's client retries, with a pause left in the backoff and in the deadline. */
function isRetryable(status, attempts, deadline) {
    const pause = BACKOFF_MS[attempts - 1];
    return RETRYABLE_STATUS.has(status) && pause !== undefined && deadline.remaining() > pause + 500;
}
function answerOf(response, attempts) {
    const body = response.body;
    if (response.status >= 200 && response.status < 300) {
        const token = tokenOf(body);
        if (token !== undefined)
            return { ok: true, token, attempts };
        return {
            ok: false,
            reason: 'no-token',
            httpStatus: response.status,
            missing: 'value',
            attempts
        };
    }
    return {
        ok: false,
        reason: 'http',
        httpStatus: response.status,
        detail: errorDetail(body),
        attempts
    };
}
function failureOf(error, deadline, attempts) {
    const name = (0,errors/* errorProperty */.cB)(error, 'name');
    if (name === 'TimeoutError' || name === 'AbortError' || deadline.expired()) {
        return { ok: false, reason: 'timeout', attempts };
    }
    return {
        ok: false,
        reason: 'network',
        detail: (0,errors/* errorProperty */.cB)(error, 'code') ?? (0,errors/* errorProperty */.cB)(error, 'message') ?? (0,errors/* describeError */.Uc)(error),
        attempts
    };
}
async function requestIdToken(request, deadline) {
    const url = tokenUrl(request.requestUrl, request.audience);
    let attempts = 0;
    for (;;) {
        attempts += 1;
        const controller = new AbortController();
        const abortOnDeadline = deadline.signal();
        abortOnDeadline.addEventListener('abort', () => controller.abort(), { once: true });
        try {
            const response = await deadline.race(get(url, { Authorization: `Bearer ${request.requestToken}`, Accept: 'application/json' }, controller.signal, request.proxy), 'The OIDC token request');
            if (isRetryable(response.status, attempts, deadline)) {
                await (0,aws_deadline/* sleep */.y)(BACKOFF_MS[attempts - 1] ?? 0);
                continue;
            }
            return answerOf(response, attempts);
        }
        catch (error) {
            return failureOf(error, deadline, attempts);
        }
        finally {
            controller.abort();
        }
    }
}

;// CONCATENATED MODULE: ./src/oidc/doctor.ts
/**
 * The OIDC phase: with `role-to-assume`, request this job's OIDC token, show its claims and try
 * AssumeRoleWithWebIdentity; for a web identity token file, the same with the file's token.
 * Where STS refuses the token, read the role's trust policy with the job's other credentials
 * (iam:GetRole) and name the condition that fails. Every outcome is findings and check lines,
 * never an exception; every token and credential goes to `onSecret` before it is used.
 * Nothing is exported to the job.
 */





















const NOTHING = { checks: [], findings: [] };
/** A finding src/aws/ already wrote (a transport failure, the clock). */
function written(item) {
    return { kind: 'finding', finding: item };
}
function baseResult(context, claims, audience) {
    const sub = claims?.sub;
    return {
        tokenSource: context.tokenSource,
        roleArn: context.roleArn,
        claims: claims?.shown ?? {},
        ...(audience === undefined ? {} : { audience }),
        ...(sub === undefined ? {} : { subShape: (0,oidc_sub/* shapeName */.PP)((0,oidc_sub/* parseSub */.ur)(sub)) }),
        ...(claims?.expiresAt === undefined ? {} : { expiresAt: claims.expiresAt.toISOString() }),
        ...(context.tokenFile === undefined ? {} : { tokenFile: context.tokenFile })
    };
}
/** The trust policy of the role, read with the job's other credentials where it has some. */
async function readTrustPolicy(context, discovery, settings, options) {
    if (!settings.checkIam)
        return { lookup: { state: 'not-read', reason: 'check-iam-off' } };
    const selected = discovery.selected;
    if (selected === undefined || selected.kind === 'web-identity' || selected.kind === 'none')
        return { lookup: { state: 'not-read', reason: 'no-other-credentials' } };
    const profile = settings.profile ?? discovery.profile.name;
    const resolved = await (0,credentials/* resolveCredentials */.z8)(discovery, profile === 'default' ? undefined : profile, options.deadline);
    if (!resolved.ok)
        return {
            lookup: { state: 'not-read', reason: 'credentials-unusable', detail: resolved.detail }
        };
    options.onSecret(resolved.credentials.secretAccessKey);
    if (resolved.credentials.sessionToken !== undefined)
        options.onSecret(resolved.credentials.sessionToken);
    const route = (0,endpoints/* iamRoute */.VD)(discovery.network, (0,regions/* partitionOfArn */.Fh)(context.roleArn));
    const outcome = await (0,iam_role/* getRole */.L)({
        roleArn: context.roleArn,
        credentials: resolved.credentials,
        ...(route.override === undefined ? {} : { endpoint: route.override.url }),
        ...(route.proxy === undefined ? {} : { proxy: route.proxy })
    }, options.deadline);
    const wanted = (0,iam_role/* parseRoleArn */.D)(context.roleArn);
    if (!outcome.ok) {
        const code = outcome.failure.code;
        const lookup = code === 'AccessDenied'
            ? { state: 'not-read', reason: 'denied' }
            : code === 'NoSuchEntity'
                ? { state: 'not-read', reason: 'no-such-role', roleName: wanted?.name ?? '' }
                : { state: 'not-read', reason: 'failed', code };
        return { lookup };
    }
    const found = (0,iam_role/* parseRoleArn */.D)(outcome.arn);
    if (found !== undefined && wanted !== undefined && found.accountId !== wanted.accountId) {
        return {
            lookup: {
                state: 'not-read',
                reason: 'other-account',
                account: found.accountId,
                roleAccount: wanted.accountId
            }
        };
    }
    const pathDiffers = found !== undefined && wanted !== undefined && found.path !== wanted.path;
    const evaluation = (0,evaluate/* evaluateTrustPolicy */.y1)({
        policy: outcome.trustPolicy,
        claims: context.rawClaims ?? {},
        roleArn: context.roleArn
    });
    if (evaluation === undefined)
        return { lookup: { state: 'invalid-json' } };
    return {
        evaluation,
        policy: outcome.trustPolicy,
        lookup: {
            state: 'read',
            decision: evaluation.decision,
            ...(pathDiffers ? { actualArn: outcome.arn } : {})
        }
    };
}
/** The security lint of a trust policy the action read: a warning where others could assume the role. */
function permissive(context, policy) {
    if (policy === undefined)
        return [];
    const problems = (0,lint/* lintTrustPolicy */.K6)({
        policy,
        roleArn: context.roleArn,
        ...(context.claims?.issuer === undefined ? {} : { issuer: context.claims.issuer }),
        ...(context.claims?.sub === undefined ? {} : { sub: context.claims.sub }),
        ...(context.claims?.audiences[0] === undefined ? {} : { audience: context.claims.audiences[0] })
    });
    return problems.length === 0 ? [] : [{ kind: 'trust-policy-permissive', context, problems }];
}
/** Why AssumeRoleWithWebIdentity is not sent at all, as the SDK would not send it either. */
function whyNotCalled(discovery) {
    // The SDK refuses such a region before sending anything; the offline `region-invalid` says so.
    if (!(0,regions/* isAcceptedRegion */.Ip)(discovery.region.value))
        return 'region-invalid';
    // Nor does it send anything to an override that is no http(s) URL (the offline
    // `endpoint-override-unreachable` says so).
    const endpoint = (0,validate/* stsEndpoint */.u1)(discovery.network, discovery.region.value).endpoint;
    if (endpoint !== undefined && (0,endpoint_override/* malformedEndpoint */.rG)(endpoint) !== undefined)
        return 'endpoint-not-url';
    return undefined;
}
/** Nothing at the job's STS override is the override's fault, as for the main STS check. */
function overrideOf(discovery, elapsedMs, source) {
    const override = discovery.network.endpoints.sts;
    if (override === undefined)
        return {};
    return { override: { override, where: (0,check/* describeOrigin */.uN)(override.origin), elapsedMs, source } };
}
/** AssumeRoleWithWebIdentity with one token, and what its answer means. */
async function assumeAndDiagnose(context, token, discovery, settings, options, result) {
    const notCalled = whyNotCalled(discovery);
    if (notCalled !== undefined)
        return {
            checks: [{ kind: 'assume-not-called', why: notCalled }],
            findings: []
        };
    const config = (0,validate/* stsEndpoint */.u1)(discovery.network, discovery.region.value);
    const endpoint = (0,validate/* describeEndpoint */.N2)(config);
    const checks = [];
    const findings = [];
    const started = Date.now();
    const outcome = await assumeRoleWithWebIdentity(config, { roleArn: context.roleArn, sessionName: sessionName(discovery.github), token }, options.deadline, options.onSecret);
    const skew = (0,http/* clockSkewMs */.Dy)(outcome.response);
    const classifyTransport = (failure) => written((0,classify/* classifyStsFailure */.jn)(failure, {
        endpoint,
        region: config.region,
        source: context.source,
        timeoutSeconds: settings.timeoutSeconds,
        ...(skew === undefined ? {} : { clockSkewMs: skew }),
        ...overrideOf(discovery, Date.now() - started, context.source)
    }));
    if (outcome.ok) {
        checks.push({
            kind: 'assumed',
            roleArn: context.roleArn,
            ...(outcome.subjectFromToken === undefined ? {} : { subject: outcome.subjectFromToken })
        });
        // The STS check measures the clock where the job has other credentials; otherwise this
        // is the only answer from STS, and its Date header is worth reading.
        if (discovery.selected === undefined)
            findings.push(...(0,classify/* skewWarning */.d)(skew, endpoint).map(written));
        if (outcome.identity === undefined) {
            const failure = outcome.identityFailure;
            checks.push({
                kind: 'assumed-identity-failed',
                ...(failure === undefined ? {} : { code: failure.code })
            });
            if (failure !== undefined)
                findings.push(classifyTransport(failure));
            return { oidc: result, checks, findings };
        }
        const identity = outcome.identity;
        checks.push({ kind: 'assumed-identity', arn: identity.arn });
        // The path works; where the job's other credentials may read the role, check who else may.
        const lookup = await readTrustPolicy(context, discovery, settings, options);
        if (lookup.policy !== undefined)
            checks.push({ kind: 'trust-policy', lookup: lookup.lookup });
        findings.push(...permissive(context, lookup.policy));
        return { oidc: { ...result, assumedIdentity: identity }, checks, findings };
    }
    const failure = outcome.failure;
    checks.push({ kind: 'assume-refused', roleArn: context.roleArn, code: wireCode(failure) });
    const answer = { code: wireCode(failure), message: failure.message };
    const refused = { ...result, stsError: answer };
    const kind = webIdentityFailureKind(failure);
    switch (kind) {
        case 'trust-policy': {
            const lookup = await readTrustPolicy(context, discovery, settings, options);
            checks.push({ kind: 'trust-policy', lookup: lookup.lookup });
            findings.push({
                kind: 'trust-policy-mismatch',
                context,
                answer,
                ...(lookup.evaluation === undefined ? {} : { evaluation: lookup.evaluation }),
                lookup: lookup.lookup
            }, ...permissive(context, lookup.policy));
            return {
                oidc: {
                    ...refused,
                    ...(lookup.evaluation === undefined
                        ? { trustPolicyUnavailable: lookup.lookup }
                        : { trustPolicy: lookup.evaluation })
                },
                checks,
                findings
            };
        }
        case 'provider-missing':
        case 'provider-thumbprint':
            findings.push({
                kind: 'provider-missing',
                context,
                answer,
                thumbprint: kind === 'provider-thumbprint'
            });
            break;
        case 'audience':
            findings.push({
                kind: 'audience-mismatch',
                context,
                answer,
                ...(result.audience === undefined ? {} : { requestedAudience: result.audience })
            });
            break;
        case 'expired': {
            const alreadyReported = context.tokenSource === 'web-identity-file' &&
                options.offline.some(item => item.id === 'web-identity-token-invalid');
            if (!alreadyReported)
                findings.push({ kind: 'token-expired', context, answer, now: now(options) });
            break;
        }
        case 'request-invalid':
            findings.push({ kind: 'assume-role-invalid', context, answer });
            break;
        case 'token-invalid':
            findings.push({ kind: 'token-not-accepted', context, answer });
            break;
        case 'region':
            findings.push({ kind: 'region-disabled', context, answer, region: config.region });
            break;
        case 'transport':
            findings.push(classifyTransport(failure));
            break;
    }
    return { oidc: refused, checks, findings };
}
function now(options) {
    return options.now?.() ?? new Date();
}
/** This job's GitHub OIDC token: requested where the job may, assumed with where asked. */
/** The account a role name alone probably lives in: the key's, or the only one expected. */
function accountHint(discovery, settings) {
    const expected = settings.expectedAccountIds.length === 1 ? settings.expectedAccountIds[0] : undefined;
    const account = discovery.offlineAccountId ?? expected;
    return account === undefined ? {} : { account };
}
async function githubOidc(discovery, settings, options) {
    const role = settings.roleToAssume;
    const github = discovery.github;
    const tokenRequest = discovery.oidcTokenRequest;
    if (tokenRequest === undefined) {
        if (role === undefined)
            return { checks: [], findings: [] };
        return {
            oidc: { tokenSource: 'github-oidc', roleArn: role, audience: settings.audience, claims: {} },
            checks: [{ kind: 'token-request-unavailable', fork: github.isForkPullRequest }],
            findings: [{ kind: 'permission-missing', github, roleArn: role }]
        };
    }
    options.onSecret(tokenRequest.token);
    const proxy = (0,endpoints/* plainRoute */.Mv)(discovery.network, tokenRequest.url).proxy;
    const request = {
        requestUrl: tokenRequest.url,
        requestToken: tokenRequest.token,
        audience: settings.audience,
        ...(proxy === undefined ? {} : { proxy })
    };
    const response = await requestIdToken(request, options.deadline);
    if (!response.ok) {
        // Without role-to-assume nobody asked about OIDC: a failed look is a line, not a failure.
        if (role === undefined)
            return { checks: [{ kind: 'token-request-failed', asked: false, response }], findings: [] };
        return {
            oidc: { tokenSource: 'github-oidc', roleArn: role, audience: settings.audience, claims: {} },
            checks: [{ kind: 'token-request-failed', asked: true, response }],
            findings: [{ kind: 'token-request-failed', response, request }]
        };
    }
    options.onSecret(response.token);
    const jwt = (0,src_jwt/* decodeJwt */.iU)(response.token);
    if (jwt === undefined) {
        if (role === undefined)
            return { checks: [{ kind: 'token-not-jwt', asked: false }], findings: [] };
        return {
            oidc: { tokenSource: 'github-oidc', roleArn: role, audience: settings.audience, claims: {} },
            checks: [{ kind: 'token-not-jwt', asked: true }],
            findings: [{ kind: 'token-not-jwt', request, attempts: response.attempts }]
        };
    }
    const claims = (0,oidc_claims/* claimsOf */.ds)(jwt);
    const context = {
        tokenSource: 'github-oidc',
        roleArn: role ?? '',
        source: 'role-to-assume',
        claims,
        rawClaims: jwt.claims
    };
    const part = {
        ...(claims.sub === undefined ? {} : { oidcSub: claims.sub }),
        checks: [
            {
                kind: 'token-request',
                audience: settings.audience,
                ...(claims.sub === undefined ? {} : { sub: claims.sub })
            }
        ],
        findings: [
            {
                kind: 'token-claims',
                claims,
                context: { tokenSource: 'github-oidc', source: 'role-to-assume' },
                now: now(options)
            }
        ]
    };
    const result = baseResult(context, claims, settings.audience);
    if (role === undefined) {
        // The OIDC section needs a role to say something useful; the claims notice carries the rest.
        return part;
    }
    const problem = roleArnProblem(role, {
        region: discovery.region.value,
        ...accountHint(discovery, settings)
    });
    if (problem !== undefined) {
        return {
            ...part,
            oidc: result,
            checks: [...part.checks, { kind: 'assume-not-called', why: 'role-arn-unusable' }],
            findings: [...part.findings, { kind: 'role-arn-unusable', role, problem }]
        };
    }
    const assumed = await assumeAndDiagnose(context, response.token, discovery, settings, options, result);
    return {
        ...part,
        ...(assumed.oidc === undefined ? {} : { oidc: assumed.oidc }),
        checks: [...part.checks, ...assumed.checks],
        findings: [...part.findings, ...assumed.findings]
    };
}
/** A web identity token file (EKS, self-hosted runners): read, decoded, assumed with. */
async function tokenFile(target, discovery, settings, options) {
    const context = {
        tokenSource: 'web-identity-file',
        roleArn: target.roleArn,
        source: target.source,
        tokenFile: target.tokenFile
    };
    const read = (0,token_file/* readTokenFile */.O)(target.tokenFile, options.readFile);
    if (!read.ok) {
        const reported = options.offline.some(item => item.id === 'web-identity-token-invalid');
        return {
            oidc: baseResult(context, undefined),
            checks: [{ kind: 'token-file-unusable', file: target.tokenFile, problem: read.problem }],
            findings: reported
                ? []
                : [
                    {
                        kind: 'token-file-problem',
                        file: target.tokenFile,
                        problem: read.problem,
                        source: target.source,
                        ...(read.detail === undefined ? {} : { detail: read.detail })
                    }
                ]
        };
    }
    options.onSecret(read.token);
    const jwt = (0,src_jwt/* decodeJwt */.iU)(read.token);
    const claims = jwt === undefined ? undefined : (0,oidc_claims/* claimsOf */.ds)(jwt);
    const decoded = {
        ...context,
        ...(claims === undefined ? {} : { claims }),
        ...(jwt === undefined ? {} : { rawClaims: jwt.claims })
    };
    const findings = [];
    if (claims !== undefined)
        findings.push({
            kind: 'token-claims',
            claims,
            context: {
                tokenSource: 'web-identity-file',
                tokenFile: target.tokenFile,
                source: target.source
            },
            now: now(options)
        });
    const checks = [
        {
            kind: 'token-file',
            file: target.tokenFile,
            ...(claims?.sub === undefined ? {} : { sub: claims.sub })
        }
    ];
    const assumed = await assumeAndDiagnose(decoded, read.token, discovery, settings, options, baseResult(decoded, claims));
    return {
        ...(assumed.oidc === undefined ? {} : { oidc: assumed.oidc }),
        checks: [...checks, ...assumed.checks],
        findings: [...findings, ...assumed.findings]
    };
}
async function runOidcDoctor(discovery, settings, options) {
    if (!(0,in_use/* oidcDoctorApplies */.R)(discovery, settings))
        return NOTHING;
    const targets = (0,token_file/* webIdentityTargets */.X)(discovery);
    const parts = await Promise.all([
        githubOidc(discovery, settings, options),
        ...targets.map(target => tokenFile(target, discovery, settings, options))
    ]);
    // One OIDC section: the role-to-assume's where there is one, else the first token file's.
    const oidc = parts.find(part => part.oidc !== undefined)?.oidc;
    const oidcSub = parts[0]?.oidcSub;
    return {
        ...(oidc === undefined ? {} : { oidc }),
        ...(oidcSub === undefined ? {} : { oidcSub }),
        checks: parts.flatMap(part => part.checks),
        findings: parts.flatMap(part => part.findings)
    };
}


/***/ })

};
