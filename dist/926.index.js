export const id = 926;
export const ids = [926];
export const modules = {

/***/ 6926:
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
// EXTERNAL MODULE: ./src/aws/http.ts
var http = __webpack_require__(5421);
// EXTERNAL MODULE: ./src/aws/iam-role.ts
var iam_role = __webpack_require__(5385);
// EXTERNAL MODULE: ./src/aws/endpoints.ts
var endpoints = __webpack_require__(9843);
// EXTERNAL MODULE: ./src/aws/regions.ts
var regions = __webpack_require__(736);
// EXTERNAL MODULE: ./src/aws/validate.ts + 8 modules
var validate = __webpack_require__(276);
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

// EXTERNAL MODULE: ./src/jwt.ts
var src_jwt = __webpack_require__(6962);
// EXTERNAL MODULE: ./src/oidc/claims.ts
var oidc_claims = __webpack_require__(2704);
// EXTERNAL MODULE: ./src/findings.ts
var findings = __webpack_require__(1001);
// EXTERNAL MODULE: ./src/oidc/evaluate.ts
var evaluate = __webpack_require__(2934);
// EXTERNAL MODULE: ./src/oidc/explain.ts
var explain = __webpack_require__(9338);
// EXTERNAL MODULE: ./src/oidc/sub.ts
var oidc_sub = __webpack_require__(8199);
// EXTERNAL MODULE: ./src/oidc/eks.ts
var oidc_eks = __webpack_require__(3088);
// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(4285);
// EXTERNAL MODULE: ./src/report/quoting.ts
var quoting = __webpack_require__(6721);
;// CONCATENATED MODULE: ./src/oidc/diagnosis.ts
/**
 * The OIDC findings, written for this run: each names what STS or the token service said, the
 * token's claims that matter (never the token) and the fix. Pure builders; `doctor.ts` decides
 * which apply.
 */









const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';
function accountOf(roleArn) {
    return /^arn:[a-z-]+:iam::(\d{12}):/u.exec(roleArn)?.[1];
}
function partitionOf(roleArn) {
    return /^arn:([a-z-]+):/u.exec(roleArn)?.[1] ?? 'aws';
}
/** A sentence followed (or, with `before`, preceded) by a space; nothing for no sentence. */
function withSpace(sentence, before = false) {
    if (sentence === '')
        return '';
    return before ? ` ${sentence}` : `${sentence} `;
}
function stsSaid(answer) {
    return `STS answered ${(0,markdown/* code */.aY)(answer.code)}: "${(0,markdown/* escapeText */.X1)(answer.message)}"`;
}
function tokenWord(context) {
    return context.tokenSource === 'github-oidc'
        ? "this job's OIDC token"
        : `the token in ${(0,markdown/* code */.aY)(context.tokenFile ?? 'AWS_WEB_IDENTITY_TOKEN_FILE')}`;
}
function subAud(claims) {
    if (claims === undefined)
        return 'The token could not be decoded, so its claims are unknown.';
    const aud = claims.audiences.length === 0 ? '(none)' : claims.audiences.join(', ');
    return `The token presented \`sub\` = ${(0,markdown/* code */.aY)(claims.sub ?? '(none)')} and \`aud\` = ${(0,markdown/* code */.aY)(aud)}.`;
}
const ID_TOKEN_YAML = [
    '```yaml',
    'permissions:',
    '  id-token: write   # lets the job request its OIDC token',
    '  contents: read    # what actions/checkout needs, now that the defaults are replaced',
    '```'
].join('\n');
function permissionMissing(github, roleArn) {
    if (github.isForkPullRequest) {
        return (0,findings/* finding */.gk)('oidc-permission-missing', {
            title: 'Pull requests from forks cannot request an OIDC token',
            message: `\`role-to-assume\` is set (${(0,markdown/* code */.aY)(roleArn)}), but this run is a pull request from a fork, and GitHub never gives fork pull requests an OIDC token, whatever the workflow's \`permissions:\` say: \`ACTIONS_ID_TOKEN_REQUEST_URL\` and \`ACTIONS_ID_TOKEN_REQUEST_TOKEN\` are not set. configure-aws-credentials fails here with "Could not load credentials from any providers".`,
            remediation: "Skip the AWS steps for fork pull requests (`if: github.event.pull_request.head.repo.full_name == github.repository`), and deploy from `push` or a reviewed `workflow_dispatch` instead. `pull_request_target` gets a token, but never check out and run the fork's code with it.",
            source: 'role-to-assume',
            evidence: [
                `event ${github.eventName ?? 'unknown'}${github.pullRequestNumber === undefined ? '' : ` #${github.pullRequestNumber}`} from a fork`,
                'ACTIONS_ID_TOKEN_REQUEST_URL: not set',
                'ACTIONS_ID_TOKEN_REQUEST_TOKEN: not set'
            ]
        });
    }
    return (0,findings/* finding */.gk)('oidc-permission-missing', {
        title: 'This job cannot request an OIDC token: `permissions: id-token: write` is missing',
        message: `\`role-to-assume\` is set (${(0,markdown/* code */.aY)(roleArn)}), but the runner did not give this job \`ACTIONS_ID_TOKEN_REQUEST_URL\` and \`ACTIONS_ID_TOKEN_REQUEST_TOKEN\`, which it does only when the job has \`permissions: id-token: write\`. Without them configure-aws-credentials falls back to other credentials and fails with "Could not load credentials from any providers".`,
        remediation: `Add the permission to the job (or the workflow):\n\n${ID_TOKEN_YAML}\n\nA \`permissions:\` block replaces every default permission, so list the others the job needs. A reusable workflow gets the permission only if the calling job grants it too.`,
        source: 'role-to-assume',
        evidence: [
            'ACTIONS_ID_TOKEN_REQUEST_URL: not set',
            'ACTIONS_ID_TOKEN_REQUEST_TOKEN: not set',
            `event ${github.eventName ?? 'unknown'}`
        ]
    });
}
function hostOf(url) {
    try {
        return new URL(url).host;
    }
    catch {
        return '(unreadable URL)';
    }
}
function tokenRequestFailed(response, request) {
    const host = hostOf(request.requestUrl);
    const evidence = [
        `token service ${host}`,
        `audience requested: ${(0,markdown/* code */.aY)(request.audience)}`,
        `attempts: ${response.attempts}`,
        ...(response.httpStatus === undefined ? [] : [`HTTP ${response.httpStatus}`])
    ];
    const said = `"${(0,markdown/* escapeText */.X1)(response.detail)}"`;
    switch (response.reason) {
        case 'timeout':
            return (0,findings/* finding */.gk)('oidc-token-request-failed', {
                message: `The runner's token service (${(0,markdown/* code */.aY)(host)}) did not answer the OIDC token request within \`timeout-seconds\`.`,
                remediation: 'Self-hosted runners need outbound HTTPS to the host in `ACTIONS_ID_TOKEN_REQUEST_URL` (through `HTTPS_PROXY` where there is a proxy). On GitHub-hosted runners this is a GitHub incident: check githubstatus.com and re-run.',
                source: 'role-to-assume',
                evidence
            });
        case 'network':
            return (0,findings/* finding */.gk)('oidc-token-request-failed', {
                message: `The runner's token service (${(0,markdown/* code */.aY)(host)}) could not be reached: ${said}.`,
                remediation: 'Self-hosted runners need DNS and outbound HTTPS to the host in `ACTIONS_ID_TOKEN_REQUEST_URL` (through `HTTPS_PROXY` where there is a proxy, and not listed in `NO_PROXY` wrongly). A container job sees the same variables: check its network too.',
                source: 'role-to-assume',
                evidence
            });
        case 'no-token':
            return (0,findings/* finding */.gk)('oidc-token-request-failed', {
                message: `The runner's token service (${(0,markdown/* code */.aY)(host)}) answered HTTP ${response.httpStatus ?? '200'} without a token (${response.detail}). @actions/core reports this as "Response json body do not have ID Token field".`,
                remediation: 'Something between the job and the token service (a proxy, or a wrapper that rewrites `ACTIONS_ID_TOKEN_REQUEST_URL`) changed the answer. Re-run; if it persists, run the job on a GitHub-hosted runner to compare.',
                source: 'role-to-assume',
                evidence
            });
        case 'http': {
            const status = response.httpStatus ?? 0;
            const refused = status === 401 || status === 403 || status === 404;
            return (0,findings/* finding */.gk)('oidc-token-request-failed', {
                message: `The runner's token service (${(0,markdown/* code */.aY)(host)}) ${refused ? 'refused' : 'failed'} the OIDC token request with HTTP ${status}: ${said}. @actions/core reports this as "Failed to get ID Token. Error Code : ${status}".`,
                remediation: refused
                    ? 'The request token was not accepted: it belongs to this job only and expires with it. Check that nothing overrides `ACTIONS_ID_TOKEN_REQUEST_URL` or `_TOKEN` (a container, an `env:` block, or variables copied from another job), and that the `audience` input is a plain value.'
                    : "GitHub's token service failed: re-run the job, and check githubstatus.com if it persists.",
                source: 'role-to-assume',
                evidence
            });
        }
    }
}
function expiryText(claims, now) {
    const exp = claims?.expiresAt;
    if (exp === undefined)
        return '';
    const seconds = Math.round((exp.getTime() - now.getTime()) / 1000);
    return seconds >= 0
        ? `; it expires at ${exp.toISOString()} (in ${seconds} s)`
        : `; it expired at ${exp.toISOString()} (${-seconds} s ago by the runner's clock)`;
}
function claimsNotice(claims, context, now) {
    const sub = claims.sub ?? '(none)';
    const shape = claims.sub === undefined
        ? 'It has no `sub` claim.'
        : `Its \`sub\` has ${(0,oidc_sub/* describeShape */.vJ)((0,oidc_sub/* parseSub */.ur)(claims.sub))}.`;
    const aud = claims.audiences.length === 0 ? '(none)' : claims.audiences.join(', ');
    const what = context.tokenSource === 'github-oidc'
        ? "This job's OIDC token"
        : `The web identity token in ${(0,markdown/* code */.aY)(context.tokenFile ?? '')}`;
    return (0,findings/* finding */.gk)('oidc-token-claims', {
        title: context.tokenSource === 'github-oidc' ? "This job's OIDC token" : 'The web identity token',
        message: `${what} presents \`sub\` = ${(0,markdown/* code */.aY)(sub)} and \`aud\` = ${(0,markdown/* code */.aY)(aud)}, issued by ${(0,markdown/* code */.aY)(claims.issuer ?? '(none)')}${expiryText(claims, now)}. ${shape}`,
        remediation: `Nothing to fix. A role's trust policy must match this \`sub\` exactly, letter case included: ${(0,markdown/* code */.aY)((0,explain/* exactSubCondition */.vo)({ sub: claims.sub, issuer: claims.issuer }))}, or a \`StringLike\` pattern that covers it.${withSpace((0,oidc_claims/* issuerKeysNote */.UE)(claims.issuer), true)}`,
        source: context.source,
        evidence: Object.entries(claims.shown).map(([name, value]) => `${name}: ${(0,markdown/* code */.aY)(value)}`)
    });
}
/** What the read policy (or, unread, the most likely reason) says about the refusal. */
function whyRefused(evaluation, statement, failing, likeliest) {
    const unverified = [
        ...new Set((statement?.conditions ?? [])
            .filter(condition => condition.unverified === true)
            .map(condition => (0,markdown/* code */.aY)(condition.key)))
    ];
    if (evaluation?.decision === 'allow' && unverified.length > 0)
        return `Read with \`iam:GetRole\`, the trust policy's conditions on \`sub\` and \`aud\` accept these claims, but its condition on ${unverified.join(', ')} cannot be verified: AWS documents only \`aud\`, \`sub\` and \`amr\` as condition keys of an OIDC provider, and does not list which other GitHub claims STS provides. Where STS does not provide a key, a condition on it fails, which would explain this refusal: condition on \`sub\` instead (a customised \`sub\` template can carry the claim).`;
    if (evaluation?.decision === 'allow')
        return "Read with `iam:GetRole`, the trust policy accepts these claims, so the refusal comes from elsewhere: the ARN's path or name differs from the role's, or the provider the policy trusts is not the one for this issuer.";
    if (failing.length > 0)
        return `Read with \`iam:GetRole\`, the trust policy fails on ${failing.join('; ')}.`;
    if (evaluation !== undefined && statement === undefined)
        return 'Read with `iam:GetRole`, the trust policy has no Allow statement at all.';
    return `The most likely reason for this run: ${likeliest().replace(/\*\*/gu, '')}`;
}
/** The finding's title and the example fix: the refusing claim where it is not `sub`. */
function refusedWords(statement, claims, sub) {
    const refusing = refusingClaim(statement, claims);
    if (refusing !== undefined)
        return {
            title: `The role's trust policy does not accept ${(0,markdown/* code */.aY)(refusing.claim)} = ${(0,markdown/* code */.aY)(refusing.value)}`,
            adding: `, for example by adding ${(0,markdown/* code */.aY)(refusing.value)} to its ${(0,markdown/* code */.aY)(refusing.claim)} condition`
        };
    if (sub === undefined)
        return { adding: '' };
    return {
        title: `The role's trust policy does not accept the subject ${(0,markdown/* code */.aY)(sub)}`,
        // The title names the subject: the fix points back at it.
        adding: ', for example by adding this subject to its `sub` condition'
    };
}
function githubTrustRemediation(claims, evaluation, adding, roleName) {
    return `Make the role's trust policy admit this token too${adding}, or run the job where the policy expects it (the branch or environment it names). ${withSpace((0,oidc_claims/* issuerKeysNote */.UE)(claims?.issuer))}${evaluation === undefined
        ? `The job summary prints a trust policy for this workflow, with narrower and wider variants; the current policy could not be read, so merge it into that policy (${(0,markdown/* code */.aY)(`aws iam get-role --role-name ${(0,quoting/* shellArg */.JP)(roleName)} --query Role.AssumeRolePolicyDocument`)}) rather than replacing it, or the jobs it admits today are refused.`
        : 'The job summary prints a trust policy that admits this workflow and keeps every subject the current policy admits, with narrower and wider variants.'} Apply it with ${(0,markdown/* code */.aY)(`aws iam update-assume-role-policy --role-name ${(0,quoting/* shellArg */.JP)(roleName)} --policy-document file://trust.json`)}, which replaces the whole policy.`;
}
/** The fix: Kubernetes' for an EKS service account token, else the GitHub workflow's. */
function trustRemediation(context, evaluation, adding, roleName) {
    const claims = context.claims;
    const eks = (0,oidc_eks/* eksIssuer */.Fe)(claims?.issuer);
    if (eks === undefined)
        return githubTrustRemediation(claims, evaluation, adding, roleName);
    const audience = claims?.audiences[0];
    return (0,oidc_eks/* eksTrustRemediation */.ls)({
        issuer: eks,
        roleArn: context.roleArn,
        providerArn: (0,evaluate/* providerArnFor */.IO)(context.roleArn, claims?.issuer),
        ...(claims?.sub === undefined ? {} : { sub: claims.sub }),
        ...(audience === undefined ? {} : { audience })
    });
}
/** The title for an EKS service account token: which service account the policy does not admit. */
function serviceAccountTitle(claims) {
    if ((0,oidc_eks/* eksIssuer */.Fe)(claims?.issuer) === undefined)
        return undefined;
    const account = (0,oidc_eks/* serviceAccountOf */.gw)(claims?.sub);
    return account === undefined
        ? undefined
        : `The role's trust policy does not accept service account ${(0,markdown/* code */.aY)(account.name)} in namespace ${(0,markdown/* code */.aY)(account.namespace)}`;
}
function trustPolicyMismatch(context, answer, evaluation, lookupNote) {
    const claims = context.claims;
    const input = {
        roleArn: context.roleArn,
        audiences: claims?.audiences ?? [],
        claims: context.rawClaims ?? {},
        ...(claims?.sub === undefined ? {} : { sub: claims.sub }),
        ...(claims?.issuer === undefined ? {} : { issuer: claims.issuer }),
        ...(evaluation === undefined ? {} : { evaluation })
    };
    const statement = evaluation === undefined ? undefined : (0,evaluate/* closestStatement */.J8)(evaluation);
    const failing = statement === undefined ? [] : (0,explain/* describeFailingCondition */.bF)(statement);
    const why = whyRefused(evaluation, statement, failing, () => (0,explain/* mismatchReasons */.av)(input)[0] ?? '');
    const sub = claims?.sub;
    const roleName = context.roleArn.split('/').pop() ?? 'ROLE';
    const words = refusedWords(statement, context.rawClaims ?? {}, sub);
    const title = serviceAccountTitle(claims) ?? words.title;
    return (0,findings/* finding */.gk)('oidc-trust-policy-mismatch', {
        ...(title === undefined ? {} : { title }),
        message: `${stsSaid(answer)} for ${(0,markdown/* code */.aY)(context.roleArn)} with ${tokenWord(context)}. ${subAud(claims)} ${why}`,
        remediation: trustRemediation(context, evaluation, words.adding, roleName),
        source: context.source,
        evidence: [
            `STS: ${(0,markdown/* code */.aY)(answer.code)}: ${(0,markdown/* escapeText */.X1)(answer.message)}`,
            ...(sub === undefined ? [] : [`sub: ${(0,markdown/* code */.aY)(sub)}`]),
            ...(claims === undefined ? [] : [`aud: ${(0,markdown/* code */.aY)(claims.audiences.join(', '))}`]),
            ...failing,
            ...(lookupNote === undefined ? [] : [`trust policy: ${lookupNote}`]),
            'a role that does not exist, or one in another account than the ARN names, may get the same AccessDenied: STS does not say which'
        ]
    });
}
/**
 * The one claim other than `sub` and `aud` whose condition refuses the token, where the policy
 * was read and that is the only failing claim (a reusable workflow's `job_workflow_ref`, say).
 */
function refusingClaim(statement, claims) {
    const failing = new Set((statement?.conditions ?? [])
        .filter(condition => condition.result === 'fails')
        .map(condition => condition.key.toLowerCase().split(':').pop() ?? ''));
    const [claim] = [...failing];
    if (failing.size !== 1 || claim === undefined || claim === 'sub' || claim === 'aud')
        return undefined;
    const value = claims[claim];
    return typeof value === 'string' ? { claim, value } : undefined;
}
/** The trust policy read with iam:GetRole admits more than this repository (see `lint.ts`). */
function trustPolicyPermissive(context, problems) {
    const roleName = context.roleArn.split('/').pop() ?? 'ROLE';
    return (0,findings/* finding */.gk)('oidc-trust-policy-permissive', {
        message: `Read with \`iam:GetRole\`, the trust policy of ${(0,markdown/* code */.aY)(context.roleArn)} lets more than this job's repository assume the role: ${problems.map(item => `${(0,markdown/* escapeText */.X1)(item.statement)} ${item.problem}`).join('; ')}.`,
        remediation: `Narrow the conditions; each of these still admits this job:\n\n${[...new Set(problems.map(item => `- ${(0,markdown/* code */.aY)(item.narrower)}`))].join('\n')}\n\nKeep the subjects your other workflows need (list each branch or environment), then apply it with ${(0,markdown/* code */.aY)(`aws iam update-assume-role-policy --role-name ${(0,quoting/* shellArg */.JP)(roleName)} --policy-document file://trust.json`)}.`,
        source: context.source,
        evidence: problems.map(item => `${(0,markdown/* escapeText */.X1)(item.statement)}: ${item.problem}`)
    });
}
function providerMissing(context, answer, thumbprint) {
    const issuer = context.claims?.issuer ?? GITHUB_ISSUER;
    const account = accountOf(context.roleArn) ?? 'ACCOUNT';
    const aud = context.claims?.audiences[0] ?? 'sts.amazonaws.com';
    const providerArn = (0,evaluate/* providerArnFor */.IO)(context.roleArn, issuer);
    if (thumbprint) {
        return (0,findings/* finding */.gk)('oidc-provider-missing', {
            title: "The OIDC provider's certificate thumbprint does not match",
            message: `${stsSaid(answer)} for ${(0,markdown/* code */.aY)(context.roleArn)}. The provider ${(0,markdown/* code */.aY)(providerArn)} has a thumbprint that no longer matches ${(0,markdown/* code */.aY)(issuer)}'s certificate.`,
            remediation: issuer === GITHUB_ISSUER
                ? "Since July 2023 AWS verifies GitHub's issuer against its trusted root CAs and ignores thumbprints, so this answer points at a provider for another URL or a very old setup: recreate the provider with `aws iam create-open-id-connect-provider --url https://token.actions.githubusercontent.com --client-id-list sts.amazonaws.com`."
                : `Update the thumbprint: ${(0,markdown/* code */.aY)(`aws iam update-open-id-connect-provider-thumbprint --open-id-connect-provider-arn ${providerArn} --thumbprint-list <SHA-1 of the issuer's top CA certificate>`)}.`,
            source: context.source,
            evidence: [`STS: ${(0,markdown/* code */.aY)(answer.code)}: ${(0,markdown/* escapeText */.X1)(answer.message)}`, `iss: ${(0,markdown/* code */.aY)(issuer)}`]
        });
    }
    const eks = (0,oidc_eks/* eksIssuer */.Fe)(issuer);
    if (eks !== undefined)
        return eksProviderMissing(context, answer, eks, providerArn, aud);
    const slips = [];
    if (issuer.endsWith('/'))
        slips.push('the token\'s issuer ends with "/", which the provider URL must not');
    if (issuer.includes('vstoken.actions'))
        slips.push('the issuer is the pre-2021 `vstoken.actions.githubusercontent.com` host');
    return (0,findings/* finding */.gk)('oidc-provider-missing', {
        message: `${stsSaid(answer)} for ${(0,markdown/* code */.aY)(context.roleArn)}: account ${(0,markdown/* code */.aY)(account)} (the role's account) has no IAM OIDC provider for the token's issuer ${(0,markdown/* code */.aY)(issuer)}. The provider must exist in the same account as the role; one provider serves every role of that account.${slips.length > 0 ? ` Note: ${slips.join('; ')}.` : ''}`,
        remediation: `Create it once in account ${(0,markdown/* code */.aY)(account)} (no thumbprint is needed any more):\n\n\`\`\`sh\naws iam create-open-id-connect-provider --url ${issuer.replace(/\/+$/u, '')} --client-id-list ${aud}\n\`\`\`\n\nIf it exists, check that its URL is exactly ${(0,markdown/* code */.aY)(issuer.replace(/\/+$/u, ''))} (no trailing slash) and that the role ARN names the account that holds it.${withSpace((0,oidc_claims/* issuerKeysNote */.UE)(issuer), true)}`,
        source: context.source,
        evidence: [
            `STS: ${(0,markdown/* code */.aY)(answer.code)}: ${(0,markdown/* escapeText */.X1)(answer.message)}`,
            `iss: ${(0,markdown/* code */.aY)(issuer)}`,
            `expected provider: ${(0,markdown/* code */.aY)(providerArn)}`
        ]
    });
}
/** No IAM OIDC provider for an EKS cluster's issuer: the cluster was never associated, or was created again. */
function eksProviderMissing(context, answer, eks, providerArn, aud) {
    const account = accountOf(context.roleArn) ?? 'ACCOUNT';
    return (0,findings/* finding */.gk)('oidc-provider-missing', {
        title: "The EKS cluster's OIDC issuer is not an IAM provider in the role's account",
        message: `${stsSaid(answer)} for ${(0,markdown/* code */.aY)(context.roleArn)}: account ${(0,markdown/* code */.aY)(account)} (the role's account) has no IAM OIDC provider for the cluster issuer ${(0,markdown/* code */.aY)(`https://${eks.host}`)} that signed ${tokenWord(context)}. IRSA needs the cluster's issuer registered in the role's account.`,
        remediation: (0,oidc_eks/* eksProviderRemediation */.k$)(eks, account, aud),
        source: context.source,
        evidence: [
            `STS: ${(0,markdown/* code */.aY)(answer.code)}: ${(0,markdown/* escapeText */.X1)(answer.message)}`,
            `iss: ${(0,markdown/* code */.aY)(`https://${eks.host}`)}`,
            `expected provider: ${(0,markdown/* code */.aY)(providerArn)}`
        ]
    });
}
function audienceMismatch(context, answer, requestedAudience) {
    const issuer = context.claims?.issuer ?? GITHUB_ISSUER;
    const aud = context.claims?.audiences.join(', ') ?? requestedAudience ?? '(unknown)';
    const providerArn = (0,evaluate/* providerArnFor */.IO)(context.roleArn, issuer);
    const china = partitionOf(context.roleArn) === 'aws-cn';
    return (0,findings/* finding */.gk)('oidc-audience-mismatch', {
        message: `${stsSaid(answer)} for ${(0,markdown/* code */.aY)(context.roleArn)}: the token's audience ${(0,markdown/* code */.aY)(aud)} is not among the client IDs of the provider ${(0,markdown/* code */.aY)(providerArn)}.${context.tokenSource === 'github-oidc' ? ` The token was requested for the \`audience\` input (${(0,markdown/* code */.aY)(requestedAudience ?? aud)}); configure-aws-credentials requests \`sts.amazonaws.com\` unless its own \`audience\` says otherwise.` : ''}`,
        remediation: `Either add the audience to the provider:\n\n\`\`\`sh\naws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn ${providerArn} --client-id ${context.claims?.audiences[0] ?? requestedAudience ?? 'sts.amazonaws.com'}\n\`\`\`\n\nor request a token for an audience the provider lists (usually \`sts.amazonaws.com\`)${china ? '; in the China partition configure-aws-credentials documents `sts.amazonaws.com.cn`, so the provider and the `audience` input must agree on one of them' : ''}. A trust policy condition on \`aud\` must name the same value.${(0,oidc_eks/* eksAudienceNote */.kH)(issuer)}`,
        source: context.source,
        evidence: [
            `STS: ${(0,markdown/* code */.aY)(answer.code)}: ${(0,markdown/* escapeText */.X1)(answer.message)}`,
            `aud: ${(0,markdown/* code */.aY)(aud)}`,
            `provider: ${(0,markdown/* code */.aY)(providerArn)}`
        ]
    });
}
/** `Token expired: current date/time 1731098245 must be before the expiration date/time 1731095240`. */
function expiryFromMessage(message) {
    const match = /current date\/time\s*(\d+).*expiration date\/time\s*(\d+)/iu.exec(message);
    if (match === null)
        return {};
    return {
        stsNow: new Date(Number(match[1]) * 1000),
        exp: new Date(Number(match[2]) * 1000)
    };
}
function tokenExpired(context, answer, now) {
    const parsed = expiryFromMessage(answer.message);
    const exp = context.claims?.expiresAt ?? parsed.exp;
    const iat = context.claims?.issuedAt;
    const facts = [];
    if (exp !== undefined)
        facts.push(`expires ${exp.toISOString()}`);
    if (iat !== undefined)
        facts.push(`issued ${iat.toISOString()}`);
    if (parsed.stsNow !== undefined)
        facts.push(`STS's clock ${parsed.stsNow.toISOString()}`);
    facts.push(`runner's clock ${now.toISOString()}`);
    const runnerThinksValid = exp !== undefined && exp.getTime() > now.getTime();
    const skew = parsed.stsNow === undefined
        ? undefined
        : Math.round((parsed.stsNow.getTime() - now.getTime()) / 1000);
    const explanation = runnerThinksValid
        ? `By the runner's clock the token is still valid, so the runner's clock is behind AWS's${skew === undefined ? '' : ` (by about ${skew} s)`}.`
        : 'The token had expired before it reached STS.';
    if (context.tokenSource === 'web-identity-file') {
        return (0,findings/* finding */.gk)('web-identity-token-invalid', {
            title: 'STS judged the web identity token expired',
            message: `${stsSaid(answer)} for ${(0,markdown/* code */.aY)(context.roleArn)} with ${tokenWord(context)}. ${explanation}`,
            remediation: "Whatever writes the file must refresh it before it expires: on EKS the kubelet rotates projected service account tokens (check the pod's `expirationSeconds` and that the pod is not suspended); on self-hosted runners, the job or service that fetches the token. Synchronise the runner's clock with NTP.",
            source: context.source,
            evidence: [`STS: ${(0,markdown/* code */.aY)(answer.code)}: ${(0,markdown/* escapeText */.X1)(answer.message)}`, ...facts]
        });
    }
    return (0,findings/* finding */.gk)('oidc-token-expired', {
        message: `${stsSaid(answer)} for ${(0,markdown/* code */.aY)(context.roleArn)}. ${explanation} GitHub's OIDC tokens are valid for about five minutes.`,
        remediation: runnerThinksValid
            ? "Synchronise the runner's clock (`timedatectl set-ntp true`, or `chronyc makestep` on self-hosted runners; a resumed VM often has an old clock)."
            : 'Request the token right before assuming the role (configure-aws-credentials does), not in an earlier step or job; a token passed between steps expires within minutes.',
        source: context.source,
        evidence: [`STS: ${(0,markdown/* code */.aY)(answer.code)}: ${(0,markdown/* escapeText */.X1)(answer.message)}`, ...facts]
    });
}
function problemWords(problem) {
    switch (problem.kind) {
        case 'not-an-arn':
            return `is a role name or path, not the role's ARN: STS needs the ARN (${problem.accountKnown ? "the account below is the one of the job's access key" : 'put in the 12-digit account ID'}).`;
        case 'not-a-role':
            return `is ${problem.what}.`;
        case 'malformed':
            return 'is not a role ARN of the form `arn:aws:iam::123456789012:role/NAME` (a path goes before the name: `role/path/NAME`).';
        case 'other-partition':
            return `is a role in ${regions/* PARTITION_NAMES */.ww[problem.partition]}, but the job's region ${(0,markdown/* code */.aY)(problem.region)} is in ${regions/* PARTITION_NAMES */.ww[(0,regions/* partitionOfRegion */.cn)(problem.region)]}: only the STS of the role's own partition can assume it, with the OIDC provider registered in that partition's account.`;
    }
}
/** `role-to-assume` cannot name a role STS of this region could assume: found before asking. */
function roleArnUnusable(role, problem) {
    const words = problemWords(problem);
    const meant = problem.kind === 'not-an-arn' || (problem.kind === 'not-a-role' && problem.meant !== undefined)
        ? problem.meant
        : undefined;
    const remediation = problem.kind === 'other-partition'
        ? `Run the check (and configure-aws-credentials) with a region of that partition: ${(0,markdown/* code */.aY)(`aws-region: ${problem.suggestedRegion}`)}.`
        : meant !== undefined
            ? `Set ${(0,markdown/* code */.aY)(`role-to-assume: ${meant}`)}${meant.includes('ACCOUNT_ID') ? ' with the account ID in place of `ACCOUNT_ID`' : ''}; ${(0,markdown/* code */.aY)(`aws iam get-role --role-name ${(0,quoting/* shellArg */.JP)(meant.split('/').pop() ?? 'NAME')} --query Role.Arn`)} prints it.`
            : 'Set `role-to-assume` to the ARN of the role to assume: `aws iam get-role --role-name NAME --query Role.Arn` prints it.';
    return (0,findings/* finding */.gk)('oidc-assume-role-invalid', {
        title: problem.kind === 'other-partition'
            ? "The role is in another partition than the job's region"
            : '`role-to-assume` is not the ARN of a role',
        message: `\`role-to-assume\` (${(0,markdown/* code */.aY)(role)}) ${words} The request was not sent to STS.`,
        remediation,
        source: 'role-to-assume',
        evidence: [
            `role-to-assume: ${(0,markdown/* code */.aY)(role)}`,
            ...(meant === undefined ? [] : [`probably meant: ${(0,markdown/* code */.aY)(meant)}`])
        ]
    });
}
function assumeRoleInvalid(context, answer) {
    const arn = /ARN is invalid/iu.test(answer.message);
    const session = /roleSessionName/iu.test(answer.message);
    const duration = /durationSeconds|MaxSessionDuration/iu.test(answer.message);
    const input = context.tokenSource === 'github-oidc' ? '`role-to-assume`' : '`AWS_ROLE_ARN`';
    const remediation = arn
        ? `${input} must be a role ARN: \`arn:aws:iam::123456789012:role/NAME\` (a path goes before the name: \`role/path/NAME\`). A user ARN, an instance profile ARN, a role name alone or a stray character is not one.`
        : session
            ? 'The role session name must be 2 to 64 characters of letters, digits and `_+=,.@-`; configure-aws-credentials builds it from `role-session-name` (default `GitHubActions`), and a value such as `dependabot[bot]` fails.'
            : duration
                ? "The requested duration exceeds the role's maximum session duration: lower `role-duration-seconds`, or raise the role's maximum (`aws iam update-role --max-session-duration`)."
                : `Check ${input} and the request parameters against STS's message above.`;
    return (0,findings/* finding */.gk)('oidc-assume-role-invalid', {
        message: `${stsSaid(answer)}: STS rejected the AssumeRoleWithWebIdentity request for ${(0,markdown/* code */.aY)(context.roleArn)} itself, before looking at the trust policy.`,
        remediation,
        source: context.source,
        evidence: [
            `STS: ${(0,markdown/* code */.aY)(answer.code)}: ${(0,markdown/* escapeText */.X1)(answer.message)}`,
            `role: ${(0,markdown/* code */.aY)(context.roleArn)}`
        ]
    });
}
/** STS could not validate the token for another reason (verification keys, signature, claims). */
function tokenNotAccepted(context, answer) {
    const remediation = "STS fetches the issuer's `/.well-known/openid-configuration` and its keys from the internet within about five seconds: the issuer must be public and fast. For GitHub's issuer this is usually an AWS or GitHub incident: re-run the job.";
    if (context.tokenSource === 'web-identity-file') {
        return (0,findings/* finding */.gk)('web-identity-token-invalid', {
            title: 'STS could not validate the web identity token',
            message: `${stsSaid(answer)} for ${(0,markdown/* code */.aY)(context.roleArn)} with ${tokenWord(context)}.`,
            remediation: `${remediation} On EKS, the cluster's OIDC issuer URL must be the one the provider names, and the token must be the projected service account token (not the legacy secret token).`,
            source: context.source,
            evidence: [`STS: ${(0,markdown/* code */.aY)(answer.code)}: ${(0,markdown/* escapeText */.X1)(answer.message)}`]
        });
    }
    return (0,findings/* finding */.gk)('oidc-assume-role-invalid', {
        title: 'STS could not validate the OIDC token',
        message: `${stsSaid(answer)} for ${(0,markdown/* code */.aY)(context.roleArn)} with ${tokenWord(context)}.`,
        remediation,
        source: context.source,
        evidence: [`STS: ${(0,markdown/* code */.aY)(answer.code)}: ${(0,markdown/* escapeText */.X1)(answer.message)}`]
    });
}
/** A web identity token file that cannot be used, found before asking STS. */
function webIdentityFileProblem(file, problem, source, detail) {
    const what = {
        missing: 'does not exist',
        unreadable: `cannot be read${detail === undefined ? '' : ` (${detail})`}`,
        empty: 'is empty',
        'not-jwt': 'does not hold a JWT (three base64url parts separated by dots)',
        expired: `holds a token that has expired${detail === undefined ? '' : ` (${detail})`}`
    };
    return (0,findings/* finding */.gk)('web-identity-token-invalid', {
        message: `\`AWS_WEB_IDENTITY_TOKEN_FILE\` points at ${(0,markdown/* code */.aY)(file)}, which ${what[problem]}. The AWS SDKs read the token from this file for every AssumeRoleWithWebIdentity call.`,
        remediation: problem === 'expired'
            ? 'Whatever writes the file must refresh it: on EKS the kubelet rotates projected service account tokens; elsewhere, the job or service that fetches the token.'
            : 'Point `AWS_WEB_IDENTITY_TOKEN_FILE` at the file that holds the token (on EKS, the projected service account token mounted at `/var/run/secrets/eks.amazonaws.com/serviceaccount/token`), readable by the runner user, or unset it together with `AWS_ROLE_ARN`.',
        source,
        evidence: [`file: ${(0,markdown/* code */.aY)(file)}`, `problem: ${problem}`]
    });
}
function regionDisabled(context, answer, region) {
    return (0,findings/* finding */.gk)('region-not-enabled', {
        message: `${stsSaid(answer)} for ${(0,markdown/* code */.aY)(context.roleArn)} in ${(0,markdown/* code */.aY)(region)}: STS is not enabled in this region for the role's account, so it cannot issue credentials there.`,
        remediation: `Use a region that is enabled for the account (\`aws-region\`, or \`AWS_REGION\`), or enable STS in ${(0,markdown/* code */.aY)(region)} (IAM → Account settings → Security Token Service (STS) → Endpoints).`,
        source: context.source,
        evidence: [`STS: ${(0,markdown/* code */.aY)(answer.code)}: ${(0,markdown/* escapeText */.X1)(answer.message)}`, `region ${(0,markdown/* code */.aY)(region)}`]
    });
}

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
 * that partition's STS can assume it. Pure: the words are in diagnosis.ts.
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
            what: 'the ARN of a session of the role (what a log shows after it was assumed)',
            meant: `arn:${partition}:iam::${account}:role/${session[1] ?? ''}`
        };
    const profile = /^instance-profile\/(.+)$/u.exec(resource);
    if (service === 'iam' && profile !== null)
        return {
            kind: 'not-a-role',
            what: 'an instance profile ARN (the role it holds has its own ARN)',
            meant: `arn:${partition}:iam::${account}:role/${profile[1] ?? ''}`
        };
    if (service === 'iam' && resource.startsWith('user/'))
        return { kind: 'not-a-role', what: 'an IAM user ARN (users cannot be assumed)' };
    const type = /^([a-z-]+)\//u.exec(resource)?.[1];
    if (service === 'iam' && type !== undefined && type !== 'role')
        return { kind: 'not-a-role', what: `the ARN of an IAM ${type}, not of a role` };
    if (service !== '' && service !== 'iam' && service !== 'sts' && resource !== '')
        return { kind: 'not-a-role', what: `an ARN of ${(0,markdown/* code */.aY)(service)}, not of an IAM role` };
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
        const message = (0,errors/* errorProperty */.c)(parsed, 'message');
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
        const value = (0,errors/* errorProperty */.c)(JSON.parse(body), 'value');
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
            detail: 'the answer has no `value` field holding a token',
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
    const name = (0,errors/* errorProperty */.c)(error, 'name');
    if (name === 'TimeoutError' || name === 'AbortError' || deadline.expired()) {
        return {
            ok: false,
            reason: 'timeout',
            detail: 'no answer within `timeout-seconds`',
            attempts
        };
    }
    return {
        ok: false,
        reason: 'network',
        detail: (0,errors/* errorProperty */.c)(error, 'code') ?? (0,errors/* errorProperty */.c)(error, 'message') ?? (0,errors/* describeError */.U)(error),
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
    const name = 'IAM GetRole (trust policy)';
    const skip = (note) => ({
        note,
        check: { name, outcome: 'skip', detail: note }
    });
    if (!settings.checkIam)
        return skip('not read: `check-iam` is false');
    const selected = discovery.selected;
    if (selected === undefined || selected.kind === 'web-identity' || selected.kind === 'none')
        return skip('not read: the job has no other credentials to call iam:GetRole with');
    const profile = settings.profile ?? discovery.profile.name;
    const resolved = await (0,credentials/* resolveCredentials */.z8)(discovery, profile === 'default' ? undefined : profile, options.deadline);
    if (!resolved.ok)
        return skip(`not read: the job's other credentials are unusable (${resolved.detail})`);
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
        const note = outcome.failure.code === 'AccessDenied'
            ? "not read: iam:GetRole is denied to the job's other credentials"
            : outcome.failure.code === 'NoSuchEntity'
                ? `not read: the job's other credentials found no role named ${(0,markdown/* code */.aY)(wanted?.name ?? '')} in their own account`
                : `not read: iam:GetRole failed (${(0,markdown/* code */.aY)(outcome.failure.code)})`;
        return { note, check: { name, outcome: 'skip', detail: note } };
    }
    const found = (0,iam_role/* parseRoleArn */.D)(outcome.arn);
    if (found !== undefined && wanted !== undefined && found.accountId !== wanted.accountId) {
        return skip(`not read: the job's other credentials belong to account ${found.accountId}, not the role's account ${wanted.accountId}`);
    }
    const pathNote = found !== undefined && wanted !== undefined && found.path !== wanted.path
        ? `; the role's ARN is ${(0,markdown/* code */.aY)(outcome.arn)}, so the path in the requested ARN is wrong`
        : '';
    const evaluation = (0,evaluate/* evaluateTrustPolicy */.y1)({
        policy: outcome.trustPolicy,
        claims: context.rawClaims ?? {},
        roleArn: context.roleArn
    });
    if (evaluation === undefined) {
        const note = 'read, but the trust policy is not valid JSON';
        return { note, check: { name, outcome: 'warn', detail: note } };
    }
    const note = `read with iam:GetRole and evaluated against the token's claims (${evaluation.decision})${pathNote}`;
    return {
        evaluation,
        policy: outcome.trustPolicy,
        note,
        check: { name, outcome: 'info', detail: note }
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
    return problems.length === 0 ? [] : [trustPolicyPermissive(context, problems)];
}
/** AssumeRoleWithWebIdentity with one token, and what its answer means. */
async function assumeAndDiagnose(context, token, discovery, settings, options, result) {
    // The SDK refuses such a region before sending anything; the offline `region-invalid` says so.
    if (!(0,regions/* isAcceptedRegion */.Ip)(discovery.region.value))
        return {
            checks: [
                {
                    name: 'STS AssumeRoleWithWebIdentity',
                    outcome: 'skip',
                    detail: 'not called: the region is not a valid region name'
                }
            ],
            findings: []
        };
    const config = (0,validate/* stsEndpoint */.u1)(discovery.network, discovery.region.value);
    const endpoint = (0,validate/* describeEndpoint */.N2)(config);
    const checks = [];
    const findings = [];
    const outcome = await assumeRoleWithWebIdentity(config, { roleArn: context.roleArn, sessionName: sessionName(discovery.github), token }, options.deadline, options.onSecret);
    const skew = (0,http/* clockSkewMs */.Dy)(outcome.response);
    const classifyTransport = (failure) => (0,classify/* classifyStsFailure */.jn)(failure, {
        endpoint,
        region: config.region,
        source: context.source,
        timeoutSeconds: settings.timeoutSeconds,
        ...(skew === undefined ? {} : { clockSkewMs: skew })
    });
    if (outcome.ok) {
        checks.push({
            name: 'STS AssumeRoleWithWebIdentity',
            outcome: 'pass',
            detail: `${context.roleArn}: accepted${outcome.subjectFromToken === undefined ? '' : ` (subject ${(0,markdown/* code */.aY)(outcome.subjectFromToken)})`}`
        });
        // The STS check measures the clock where the job has other credentials; otherwise this
        // is the only answer from STS, and its Date header is worth reading.
        if (discovery.selected === undefined)
            findings.push(...(0,classify/* skewWarning */.d)(skew, endpoint));
        if (outcome.identity === undefined) {
            const failure = outcome.identityFailure;
            checks.push({
                name: 'STS GetCallerIdentity (assumed role)',
                outcome: 'fail',
                detail: failure?.code ?? 'no identity'
            });
            if (failure !== undefined)
                findings.push(classifyTransport(failure));
            return { oidc: result, checks, findings };
        }
        const identity = outcome.identity;
        checks.push({
            name: 'STS GetCallerIdentity (assumed role)',
            outcome: 'pass',
            detail: identity.arn
        });
        // The path works; where the job's other credentials may read the role, check who else may.
        const lookup = await readTrustPolicy(context, discovery, settings, options);
        if (lookup.policy !== undefined)
            checks.push(lookup.check);
        findings.push(...permissive(context, lookup.policy));
        return { oidc: { ...result, assumedIdentity: identity }, checks, findings };
    }
    const failure = outcome.failure;
    checks.push({
        name: 'STS AssumeRoleWithWebIdentity',
        outcome: 'fail',
        detail: `${context.roleArn}: ${wireCode(failure)}`
    });
    const answer = { code: wireCode(failure), message: failure.message };
    const refused = { ...result, stsError: answer };
    const kind = webIdentityFailureKind(failure);
    switch (kind) {
        case 'trust-policy': {
            const lookup = await readTrustPolicy(context, discovery, settings, options);
            checks.push(lookup.check);
            findings.push(trustPolicyMismatch(context, answer, lookup.evaluation, lookup.note), ...permissive(context, lookup.policy));
            return {
                oidc: {
                    ...refused,
                    ...(lookup.evaluation === undefined ? {} : { trustPolicy: lookup.evaluation }),
                    ...(lookup.evaluation === undefined && lookup.note !== undefined
                        ? { trustPolicyUnavailable: lookup.note }
                        : {})
                },
                checks,
                findings
            };
        }
        case 'provider-missing':
        case 'provider-thumbprint':
            findings.push(providerMissing(context, answer, kind === 'provider-thumbprint'));
            break;
        case 'audience':
            findings.push(audienceMismatch(context, answer, result.audience));
            break;
        case 'expired': {
            const alreadyReported = context.tokenSource === 'web-identity-file' &&
                options.offline.some(item => item.id === 'web-identity-token-invalid');
            if (!alreadyReported)
                findings.push(tokenExpired(context, answer, now(options)));
            break;
        }
        case 'request-invalid':
            findings.push(assumeRoleInvalid(context, answer));
            break;
        case 'token-invalid':
            findings.push(tokenNotAccepted(context, answer));
            break;
        case 'region':
            findings.push(regionDisabled(context, answer, config.region));
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
            checks: [
                {
                    name: 'OIDC token request',
                    outcome: 'fail',
                    detail: github.isForkPullRequest
                        ? 'not possible: fork pull requests get no OIDC token'
                        : 'not possible: the job lacks `permissions: id-token: write`'
                }
            ],
            findings: [permissionMissing(github, role)]
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
    const name = 'OIDC token request';
    if (!response.ok) {
        const detail = `${response.httpStatus === undefined ? response.reason : `HTTP ${response.httpStatus}`}: ${response.detail}`;
        // Without role-to-assume nobody asked about OIDC: a failed look is a line, not a failure.
        if (role === undefined)
            return { checks: [{ name, outcome: 'skip', detail }], findings: [] };
        return {
            oidc: { tokenSource: 'github-oidc', roleArn: role, audience: settings.audience, claims: {} },
            checks: [{ name, outcome: 'fail', detail }],
            findings: [tokenRequestFailed(response, request)]
        };
    }
    options.onSecret(response.token);
    const jwt = (0,src_jwt/* decodeJwt */.iU)(response.token);
    if (jwt === undefined) {
        const failed = {
            ok: false,
            reason: 'no-token',
            detail: 'the `value` it returned is not a JWT',
            attempts: response.attempts
        };
        if (role === undefined)
            return { checks: [{ name, outcome: 'skip', detail: failed.detail }], findings: [] };
        return {
            oidc: { tokenSource: 'github-oidc', roleArn: role, audience: settings.audience, claims: {} },
            checks: [{ name, outcome: 'fail', detail: failed.detail }],
            findings: [tokenRequestFailed(failed, request)]
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
                name,
                outcome: 'pass',
                detail: `token for audience ${(0,markdown/* code */.aY)(settings.audience)}, subject ${(0,markdown/* code */.aY)(claims.sub ?? '(none)')}`
            }
        ],
        findings: [
            claimsNotice(claims, { tokenSource: 'github-oidc', source: 'role-to-assume' }, now(options))
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
            checks: [
                ...part.checks,
                {
                    name: 'STS AssumeRoleWithWebIdentity',
                    outcome: 'fail',
                    detail: 'not called: `role-to-assume` is not a role STS of this region can assume'
                }
            ],
            findings: [...part.findings, roleArnUnusable(role, problem)]
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
    const name = 'Web identity token file';
    if (!read.ok) {
        const reported = options.offline.some(item => item.id === 'web-identity-token-invalid');
        return {
            oidc: baseResult(context, undefined),
            checks: [{ name, outcome: 'fail', detail: `${target.tokenFile}: ${read.problem}` }],
            findings: reported
                ? []
                : [webIdentityFileProblem(target.tokenFile, read.problem, target.source, read.detail)]
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
        findings.push(claimsNotice(claims, { tokenSource: 'web-identity-file', tokenFile: target.tokenFile, source: target.source }, now(options)));
    const checks = [
        {
            name,
            outcome: 'pass',
            detail: `${target.tokenFile}: subject ${(0,markdown/* code */.aY)(claims?.sub ?? '(none)')}`
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
