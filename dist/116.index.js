export const id = 116;
export const ids = [116];
export const modules = {

/***/ 8116:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   renderOidcPhase: () => (/* binding */ renderOidcPhase)
/* harmony export */ });
/* unused harmony exports permissionMissing, tokenRequestFailed, claimsNotice, trustPolicyMismatch, trustPolicyPermissive, providerMissing, audienceMismatch, tokenExpired, roleArnUnusable, assumeRoleInvalid, tokenNotAccepted, webIdentityFileProblem, regionDisabled, oidcFinding, oidcCheck */
/* harmony import */ var _aws_regions_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(736);
/* harmony import */ var _findings_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1001);
/* harmony import */ var _oidc_evaluate_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2934);
/* harmony import */ var _oidc_explain_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9338);
/* harmony import */ var _oidc_sub_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8199);
/* harmony import */ var _oidc_eks_js__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(3088);
/* harmony import */ var _markdown_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4285);
/* harmony import */ var _oidc_words_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(8409);
/* harmony import */ var _quoting_js__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(6721);
/* harmony import */ var _web_identity_token_invalid_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(4573);
/**
 * The OIDC findings, written for this run from the facts the OIDC doctor returns
 * (src/oidc/facts.ts): each names what STS or the token service said, the token's claims that
 * matter (never the token) and the fix. Pure; `src/oidc/doctor.ts` decides which apply.
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
function tokenWord(context) {
    return context.tokenSource === 'github-oidc'
        ? "this job's OIDC token"
        : `the token in ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(context.tokenFile ?? 'AWS_WEB_IDENTITY_TOKEN_FILE')}`;
}
function subAud(claims) {
    if (claims === undefined)
        return 'The token could not be decoded, so its claims are unknown.';
    const aud = claims.audiences.length === 0 ? '(none)' : claims.audiences.join(', ');
    return `The token presented \`sub\` = ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(claims.sub ?? '(none)')} and \`aud\` = ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(aud)}.`;
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
        return (0,_findings_js__WEBPACK_IMPORTED_MODULE_1__/* .finding */ .gk)('oidc-permission-missing', {
            title: 'Pull requests from forks cannot request an OIDC token',
            message: `\`role-to-assume\` is set (${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(roleArn)}), but this run is a pull request from a fork, and GitHub never gives fork pull requests an OIDC token, whatever the workflow's \`permissions:\` say: \`ACTIONS_ID_TOKEN_REQUEST_URL\` and \`ACTIONS_ID_TOKEN_REQUEST_TOKEN\` are not set. configure-aws-credentials fails here with "Could not load credentials from any providers".`,
            remediation: "Skip the AWS steps for fork pull requests (`if: github.event.pull_request.head.repo.full_name == github.repository`), and deploy from `push` or a reviewed `workflow_dispatch` instead. `pull_request_target` gets a token, but never check out and run the fork's code with it.",
            source: 'role-to-assume',
            evidence: [
                `event ${github.eventName ?? 'unknown'}${github.pullRequestNumber === undefined ? '' : ` #${github.pullRequestNumber}`} from a fork`,
                'ACTIONS_ID_TOKEN_REQUEST_URL: not set',
                'ACTIONS_ID_TOKEN_REQUEST_TOKEN: not set'
            ]
        });
    }
    return (0,_findings_js__WEBPACK_IMPORTED_MODULE_1__/* .finding */ .gk)('oidc-permission-missing', {
        title: 'This job cannot request an OIDC token: `permissions: id-token: write` is missing',
        message: `\`role-to-assume\` is set (${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(roleArn)}), but the runner did not give this job \`ACTIONS_ID_TOKEN_REQUEST_URL\` and \`ACTIONS_ID_TOKEN_REQUEST_TOKEN\`, which it does only when the job has \`permissions: id-token: write\`. Without them configure-aws-credentials falls back to other credentials and fails with "Could not load credentials from any providers".`,
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
/** What a successful answer without a token held instead. */
const NO_TOKEN = {
    value: 'the answer has no `value` field holding a token',
    jwt: 'the `value` it returned is not a JWT'
};
function tokenRequestFailed(response, request) {
    const host = hostOf(request.requestUrl);
    const evidence = [
        `token service ${host}`,
        `audience requested: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(request.audience)}`,
        `attempts: ${response.attempts}`,
        ...('httpStatus' in response && response.httpStatus !== undefined
            ? [`HTTP ${response.httpStatus}`]
            : [])
    ];
    switch (response.reason) {
        case 'timeout':
            return (0,_findings_js__WEBPACK_IMPORTED_MODULE_1__/* .finding */ .gk)('oidc-token-request-failed', {
                message: `The runner's token service (${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(host)}) did not answer the OIDC token request within \`timeout-seconds\`.`,
                remediation: 'Self-hosted runners need outbound HTTPS to the host in `ACTIONS_ID_TOKEN_REQUEST_URL` (through `HTTPS_PROXY` where there is a proxy). On GitHub-hosted runners this is a GitHub incident: check githubstatus.com and re-run.',
                source: 'role-to-assume',
                evidence
            });
        case 'network':
            return (0,_findings_js__WEBPACK_IMPORTED_MODULE_1__/* .finding */ .gk)('oidc-token-request-failed', {
                message: `The runner's token service (${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(host)}) could not be reached: "${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .escapeText */ .X1)(response.detail)}".`,
                remediation: 'Self-hosted runners need DNS and outbound HTTPS to the host in `ACTIONS_ID_TOKEN_REQUEST_URL` (through `HTTPS_PROXY` where there is a proxy, and not listed in `NO_PROXY` wrongly). A container job sees the same variables: check its network too.',
                source: 'role-to-assume',
                evidence
            });
        case 'no-token':
            return (0,_findings_js__WEBPACK_IMPORTED_MODULE_1__/* .finding */ .gk)('oidc-token-request-failed', {
                message: `The runner's token service (${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(host)}) answered HTTP ${response.httpStatus ?? '200'} without a token (${NO_TOKEN[response.missing]}). @actions/core reports this as "Response json body do not have ID Token field".`,
                remediation: 'Something between the job and the token service (a proxy, or a wrapper that rewrites `ACTIONS_ID_TOKEN_REQUEST_URL`) changed the answer. Re-run; if it persists, run the job on a GitHub-hosted runner to compare.',
                source: 'role-to-assume',
                evidence
            });
        case 'http': {
            const status = response.httpStatus;
            const refused = status === 401 || status === 403 || status === 404;
            return (0,_findings_js__WEBPACK_IMPORTED_MODULE_1__/* .finding */ .gk)('oidc-token-request-failed', {
                message: `The runner's token service (${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(host)}) ${refused ? 'refused' : 'failed'} the OIDC token request with HTTP ${status}: "${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .escapeText */ .X1)(response.detail)}". @actions/core reports this as "Failed to get ID Token. Error Code : ${status}".`,
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
        : `Its \`sub\` has ${(0,_oidc_words_js__WEBPACK_IMPORTED_MODULE_6__/* .describeShape */ .vJ)((0,_oidc_sub_js__WEBPACK_IMPORTED_MODULE_4__/* .parseSub */ .ur)(claims.sub))}.`;
    const aud = claims.audiences.length === 0 ? '(none)' : claims.audiences.join(', ');
    const what = context.tokenSource === 'github-oidc'
        ? "This job's OIDC token"
        : `The web identity token in ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(context.tokenFile ?? '')}`;
    return (0,_findings_js__WEBPACK_IMPORTED_MODULE_1__/* .finding */ .gk)('oidc-token-claims', {
        title: context.tokenSource === 'github-oidc' ? "This job's OIDC token" : 'The web identity token',
        message: `${what} presents \`sub\` = ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(sub)} and \`aud\` = ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(aud)}, issued by ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(claims.issuer ?? '(none)')}${expiryText(claims, now)}. ${shape}`,
        remediation: `Nothing to fix. A role's trust policy must match this \`sub\` exactly, letter case included: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)((0,_oidc_explain_js__WEBPACK_IMPORTED_MODULE_3__/* .exactSubCondition */ .vo)({ sub: claims.sub, issuer: claims.issuer }))}, or a \`StringLike\` pattern that covers it.${withSpace((0,_oidc_words_js__WEBPACK_IMPORTED_MODULE_6__/* .issuerKeysNote */ .UE)(claims.issuer), true)}`,
        source: context.source,
        evidence: Object.entries(claims.shown).map(([name, value]) => `${name}: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(value)}`)
    });
}
/** What the read policy (or, unread, the most likely reason) says about the refusal. */
function whyRefused(evaluation, statement, failing, likeliest) {
    const unverified = [
        ...new Set((statement?.conditions ?? [])
            .filter(condition => condition.unverified === true)
            .map(condition => (0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(condition.key)))
    ];
    if (evaluation?.decision === 'allow' && unverified.length > 0)
        return `Read with \`iam:GetRole\`, the trust policy's conditions on \`sub\` and \`aud\` accept these claims, but its condition on ${unverified.join(', ')} cannot be verified: AWS documents only \`aud\`, \`sub\` and \`amr\` as condition keys of an OIDC provider, and does not list which other GitHub claims STS provides. Where STS does not provide a key, a condition on it fails, which would explain this refusal: condition on \`sub\` instead (a customised \`sub\` template can carry the claim).`;
    if (evaluation?.decision === 'allow')
        return "Read with `iam:GetRole`, the trust policy accepts these claims, so the refusal comes from elsewhere: the ARN's path or name differs from the role's, or the provider the policy trusts is not the one for this issuer.";
    if (failing.length > 0)
        return `Read with \`iam:GetRole\`, the trust policy fails on ${failing.join('; ')}.`;
    if (evaluation !== undefined && statement === undefined)
        return 'Read with `iam:GetRole`, the trust policy has no Allow statement at all.';
    return `The most likely reason for this run: ${likeliest()}`;
}
/** The finding's title and the example fix: the refusing claim where it is not `sub`. */
function refusedWords(statement, claims, sub) {
    const refusing = refusingClaim(statement, claims);
    if (refusing !== undefined)
        return {
            title: `The role's trust policy does not accept ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(refusing.claim)} = ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(refusing.value)}`,
            adding: `, for example by adding ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(refusing.value)} to its ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(refusing.claim)} condition`
        };
    if (sub === undefined)
        return { adding: '' };
    return {
        title: `The role's trust policy does not accept the subject ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(sub)}`,
        // The title names the subject: the fix points back at it.
        adding: ', for example by adding this subject to its `sub` condition'
    };
}
function githubTrustRemediation(claims, evaluation, adding, roleName) {
    return `Make the role's trust policy admit this token too${adding}, or run the job where the policy expects it (the branch or environment it names). ${withSpace((0,_oidc_words_js__WEBPACK_IMPORTED_MODULE_6__/* .issuerKeysNote */ .UE)(claims?.issuer))}${evaluation === undefined
        ? `The job summary prints a trust policy for this workflow, with narrower and wider variants; the current policy could not be read, so merge it into that policy (${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(`aws iam get-role --role-name ${(0,_quoting_js__WEBPACK_IMPORTED_MODULE_8__/* .shellArg */ .JP)(roleName)} --query Role.AssumeRolePolicyDocument`)}) rather than replacing it, or the jobs it admits today are refused.`
        : 'The job summary prints a trust policy that admits this workflow and keeps every subject the current policy admits, with narrower and wider variants.'} Apply it with ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(`aws iam update-assume-role-policy --role-name ${(0,_quoting_js__WEBPACK_IMPORTED_MODULE_8__/* .shellArg */ .JP)(roleName)} --policy-document file://trust.json`)}, which replaces the whole policy.`;
}
/** The fix: Kubernetes' for an EKS service account token, else the GitHub workflow's. */
function trustRemediation(context, evaluation, adding, roleName) {
    const claims = context.claims;
    const eks = (0,_oidc_eks_js__WEBPACK_IMPORTED_MODULE_9__/* .eksIssuer */ .Fe)(claims?.issuer);
    if (eks === undefined)
        return githubTrustRemediation(claims, evaluation, adding, roleName);
    const audience = claims?.audiences[0];
    return (0,_oidc_words_js__WEBPACK_IMPORTED_MODULE_6__/* .eksTrustRemediation */ .ls)({
        issuer: eks,
        roleArn: context.roleArn,
        providerArn: (0,_oidc_evaluate_js__WEBPACK_IMPORTED_MODULE_2__/* .providerArnFor */ .IO)(context.roleArn, claims?.issuer),
        ...(claims?.sub === undefined ? {} : { sub: claims.sub }),
        ...(audience === undefined ? {} : { audience })
    });
}
/** The title for an EKS service account token: which service account the policy does not admit. */
function serviceAccountTitle(claims) {
    if ((0,_oidc_eks_js__WEBPACK_IMPORTED_MODULE_9__/* .eksIssuer */ .Fe)(claims?.issuer) === undefined)
        return undefined;
    const account = (0,_oidc_eks_js__WEBPACK_IMPORTED_MODULE_9__/* .serviceAccountOf */ .gw)(claims?.sub);
    return account === undefined
        ? undefined
        : `The role's trust policy does not accept service account ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(account.name)} in namespace ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(account.namespace)}`;
}
function trustPolicyMismatch(context, answer, evaluation, lookup) {
    const claims = context.claims;
    const input = {
        roleArn: context.roleArn,
        audiences: claims?.audiences ?? [],
        claims: context.rawClaims ?? {},
        ...(claims?.sub === undefined ? {} : { sub: claims.sub }),
        ...(claims?.issuer === undefined ? {} : { issuer: claims.issuer }),
        ...(evaluation === undefined ? {} : { evaluation })
    };
    const statement = evaluation === undefined ? undefined : (0,_oidc_evaluate_js__WEBPACK_IMPORTED_MODULE_2__/* .closestStatement */ .J8)(evaluation);
    const failing = statement === undefined ? [] : (0,_oidc_words_js__WEBPACK_IMPORTED_MODULE_6__/* .describeFailingCondition */ .bF)(statement);
    const why = whyRefused(evaluation, statement, failing, () => (0,_oidc_words_js__WEBPACK_IMPORTED_MODULE_6__/* .likeliestReason */ .LU)(input));
    const sub = claims?.sub;
    const roleName = context.roleArn.split('/').pop() ?? 'ROLE';
    const words = refusedWords(statement, context.rawClaims ?? {}, sub);
    const title = serviceAccountTitle(claims) ?? words.title;
    return (0,_findings_js__WEBPACK_IMPORTED_MODULE_1__/* .finding */ .gk)('oidc-trust-policy-mismatch', {
        ...(title === undefined ? {} : { title }),
        message: `${(0,_web_identity_token_invalid_js__WEBPACK_IMPORTED_MODULE_7__/* .stsSaid */ .o)(answer)} for ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(context.roleArn)} with ${tokenWord(context)}. ${subAud(claims)} ${why}`,
        remediation: trustRemediation(context, evaluation, words.adding, roleName),
        source: context.source,
        evidence: [
            `STS: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(answer.code)}: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .escapeText */ .X1)(answer.message)}`,
            ...(sub === undefined ? [] : [`sub: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(sub)}`]),
            ...(claims === undefined ? [] : [`aud: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(claims.audiences.join(', '))}`]),
            ...failing,
            ...(lookup === undefined ? [] : [`trust policy: ${(0,_oidc_words_js__WEBPACK_IMPORTED_MODULE_6__/* .lookupNote */ .ju)(lookup)}`]),
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
    return (0,_findings_js__WEBPACK_IMPORTED_MODULE_1__/* .finding */ .gk)('oidc-trust-policy-permissive', {
        message: `Read with \`iam:GetRole\`, the trust policy of ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(context.roleArn)} lets more than this job's repository assume the role: ${problems.map(item => `${(0,_oidc_words_js__WEBPACK_IMPORTED_MODULE_6__/* .statementText */ .t6)(item.statement)} ${(0,_oidc_words_js__WEBPACK_IMPORTED_MODULE_6__/* .permissiveText */ .Z0)(item.problem)}`).join('; ')}.`,
        remediation: `Narrow the conditions; each of these still admits this job:\n\n${[...new Set(problems.map(item => `- ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(item.narrower)}`))].join('\n')}\n\nKeep the subjects your other workflows need (list each branch or environment), then apply it with ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(`aws iam update-assume-role-policy --role-name ${(0,_quoting_js__WEBPACK_IMPORTED_MODULE_8__/* .shellArg */ .JP)(roleName)} --policy-document file://trust.json`)}.`,
        source: context.source,
        evidence: problems.map(item => `${(0,_oidc_words_js__WEBPACK_IMPORTED_MODULE_6__/* .statementText */ .t6)(item.statement)}: ${(0,_oidc_words_js__WEBPACK_IMPORTED_MODULE_6__/* .permissiveText */ .Z0)(item.problem)}`)
    });
}
function providerMissing(context, answer, thumbprint) {
    const issuer = context.claims?.issuer ?? GITHUB_ISSUER;
    const account = accountOf(context.roleArn) ?? 'ACCOUNT';
    const aud = context.claims?.audiences[0] ?? 'sts.amazonaws.com';
    const providerArn = (0,_oidc_evaluate_js__WEBPACK_IMPORTED_MODULE_2__/* .providerArnFor */ .IO)(context.roleArn, issuer);
    if (thumbprint) {
        return (0,_findings_js__WEBPACK_IMPORTED_MODULE_1__/* .finding */ .gk)('oidc-provider-missing', {
            title: "The OIDC provider's certificate thumbprint does not match",
            message: `${(0,_web_identity_token_invalid_js__WEBPACK_IMPORTED_MODULE_7__/* .stsSaid */ .o)(answer)} for ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(context.roleArn)}. The provider ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(providerArn)} has a thumbprint that no longer matches ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(issuer)}'s certificate.`,
            remediation: issuer === GITHUB_ISSUER
                ? "Since July 2023 AWS verifies GitHub's issuer against its trusted root CAs and ignores thumbprints, so this answer points at a provider for another URL or a very old setup: recreate the provider with `aws iam create-open-id-connect-provider --url https://token.actions.githubusercontent.com --client-id-list sts.amazonaws.com`."
                : `Update the thumbprint: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(`aws iam update-open-id-connect-provider-thumbprint --open-id-connect-provider-arn ${(0,_quoting_js__WEBPACK_IMPORTED_MODULE_8__/* .shellArg */ .JP)(providerArn)} --thumbprint-list THUMBPRINT`)}, with the SHA-1 of the issuer's top CA certificate as \`THUMBPRINT\`.`,
            source: context.source,
            evidence: [`STS: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(answer.code)}: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .escapeText */ .X1)(answer.message)}`, `iss: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(issuer)}`]
        });
    }
    const eks = (0,_oidc_eks_js__WEBPACK_IMPORTED_MODULE_9__/* .eksIssuer */ .Fe)(issuer);
    if (eks !== undefined)
        return eksProviderMissing(context, answer, eks, providerArn, aud);
    const slips = [];
    if (issuer.endsWith('/'))
        slips.push('the token\'s issuer ends with "/", which the provider URL must not');
    if (issuer.includes('vstoken.actions'))
        slips.push('the issuer is the pre-2021 `vstoken.actions.githubusercontent.com` host');
    return (0,_findings_js__WEBPACK_IMPORTED_MODULE_1__/* .finding */ .gk)('oidc-provider-missing', {
        message: `${(0,_web_identity_token_invalid_js__WEBPACK_IMPORTED_MODULE_7__/* .stsSaid */ .o)(answer)} for ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(context.roleArn)}: account ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(account)} (the role's account) has no IAM OIDC provider for the token's issuer ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(issuer)}. The provider must exist in the same account as the role; one provider serves every role of that account.${slips.length > 0 ? ` Note: ${slips.join('; ')}.` : ''}`,
        remediation: `Create it once in account ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(account)} (no thumbprint is needed any more):\n\n${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .fencedBlock */ .zW)([`aws iam create-open-id-connect-provider --url ${(0,_quoting_js__WEBPACK_IMPORTED_MODULE_8__/* .shellArg */ .JP)(issuer.replace(/\/+$/u, ''))} --client-id-list ${(0,_quoting_js__WEBPACK_IMPORTED_MODULE_8__/* .shellArg */ .JP)(aud)}`], 'sh').join('\n')}\n\nIf it exists, check that its URL is exactly ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(issuer.replace(/\/+$/u, ''))} (no trailing slash) and that the role ARN names the account that holds it.${withSpace((0,_oidc_words_js__WEBPACK_IMPORTED_MODULE_6__/* .issuerKeysNote */ .UE)(issuer), true)}`,
        source: context.source,
        evidence: [
            `STS: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(answer.code)}: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .escapeText */ .X1)(answer.message)}`,
            `iss: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(issuer)}`,
            `expected provider: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(providerArn)}`
        ]
    });
}
/** No IAM OIDC provider for an EKS cluster's issuer: the cluster was never associated, or was created again. */
function eksProviderMissing(context, answer, eks, providerArn, aud) {
    const account = accountOf(context.roleArn) ?? 'ACCOUNT';
    return (0,_findings_js__WEBPACK_IMPORTED_MODULE_1__/* .finding */ .gk)('oidc-provider-missing', {
        title: "The EKS cluster's OIDC issuer is not an IAM provider in the role's account",
        message: `${(0,_web_identity_token_invalid_js__WEBPACK_IMPORTED_MODULE_7__/* .stsSaid */ .o)(answer)} for ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(context.roleArn)}: account ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(account)} (the role's account) has no IAM OIDC provider for the cluster issuer ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(`https://${eks.host}`)} that signed ${tokenWord(context)}. IRSA needs the cluster's issuer registered in the role's account.`,
        remediation: (0,_oidc_words_js__WEBPACK_IMPORTED_MODULE_6__/* .eksProviderRemediation */ .k$)(eks, account, aud),
        source: context.source,
        evidence: [
            `STS: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(answer.code)}: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .escapeText */ .X1)(answer.message)}`,
            `iss: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(`https://${eks.host}`)}`,
            `expected provider: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(providerArn)}`
        ]
    });
}
function audienceMismatch(context, answer, requestedAudience) {
    const issuer = context.claims?.issuer ?? GITHUB_ISSUER;
    const aud = context.claims?.audiences.join(', ') ?? requestedAudience ?? '(unknown)';
    const providerArn = (0,_oidc_evaluate_js__WEBPACK_IMPORTED_MODULE_2__/* .providerArnFor */ .IO)(context.roleArn, issuer);
    const china = partitionOf(context.roleArn) === 'aws-cn';
    return (0,_findings_js__WEBPACK_IMPORTED_MODULE_1__/* .finding */ .gk)('oidc-audience-mismatch', {
        message: `${(0,_web_identity_token_invalid_js__WEBPACK_IMPORTED_MODULE_7__/* .stsSaid */ .o)(answer)} for ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(context.roleArn)}: the token's audience ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(aud)} is not among the client IDs of the provider ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(providerArn)}.${context.tokenSource === 'github-oidc' ? ` The token was requested for the \`audience\` input (${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(requestedAudience ?? aud)}); configure-aws-credentials requests \`sts.amazonaws.com\` unless its own \`audience\` says otherwise.` : ''}`,
        remediation: `Either add the audience to the provider:\n\n${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .fencedBlock */ .zW)([`aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn ${(0,_quoting_js__WEBPACK_IMPORTED_MODULE_8__/* .shellArg */ .JP)(providerArn)} --client-id ${(0,_quoting_js__WEBPACK_IMPORTED_MODULE_8__/* .shellArg */ .JP)(context.claims?.audiences[0] ?? requestedAudience ?? 'sts.amazonaws.com')}`], 'sh').join('\n')}\n\nor request a token for an audience the provider lists (usually \`sts.amazonaws.com\`)${china ? '; in the China partition configure-aws-credentials documents `sts.amazonaws.com.cn`, so the provider and the `audience` input must agree on one of them' : ''}. A trust policy condition on \`aud\` must name the same value.${(0,_oidc_words_js__WEBPACK_IMPORTED_MODULE_6__/* .eksAudienceNote */ .kH)(issuer)}`,
        source: context.source,
        evidence: [
            `STS: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(answer.code)}: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .escapeText */ .X1)(answer.message)}`,
            `aud: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(aud)}`,
            `provider: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(providerArn)}`
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
    if (context.tokenSource === 'web-identity-file')
        return (0,_web_identity_token_invalid_js__WEBPACK_IMPORTED_MODULE_7__/* .webIdentityTokenInvalid */ .Z)({
            kind: 'sts-expired',
            roleArn: context.roleArn,
            ...(context.tokenFile === undefined ? {} : { tokenFile: context.tokenFile }),
            source: context.source,
            answer,
            explanation,
            dates: facts
        });
    return (0,_findings_js__WEBPACK_IMPORTED_MODULE_1__/* .finding */ .gk)('oidc-token-expired', {
        message: `${(0,_web_identity_token_invalid_js__WEBPACK_IMPORTED_MODULE_7__/* .stsSaid */ .o)(answer)} for ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(context.roleArn)}. ${explanation} GitHub's OIDC tokens are valid for about five minutes.`,
        remediation: runnerThinksValid
            ? "Synchronise the runner's clock (`timedatectl set-ntp true`, or `chronyc makestep` on self-hosted runners; a resumed VM often has an old clock)."
            : 'Request the token right before assuming the role (configure-aws-credentials does), not in an earlier step or job; a token passed between steps expires within minutes.',
        source: context.source,
        evidence: [`STS: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(answer.code)}: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .escapeText */ .X1)(answer.message)}`, ...facts]
    });
}
function notARoleWords(what) {
    switch (what.is) {
        case 'session':
            return 'the ARN of a session of the role (what a log shows after it was assumed)';
        case 'instance-profile':
            return 'an instance profile ARN (the role it holds has its own ARN)';
        case 'user':
            return 'an IAM user ARN (users cannot be assumed)';
        case 'iam-resource':
            return `the ARN of an IAM ${what.type}, not of a role`;
        case 'service':
            return `an ARN of ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(what.service)}, not of an IAM role`;
    }
}
function problemWords(problem) {
    switch (problem.kind) {
        case 'not-an-arn':
            return `is a role name or path, not the role's ARN: STS needs the ARN (${problem.accountKnown ? "the account below is the one of the job's access key" : 'put in the 12-digit account ID'}).`;
        case 'not-a-role':
            return `is ${notARoleWords(problem.what)}.`;
        case 'malformed':
            return 'is not a role ARN of the form `arn:aws:iam::123456789012:role/NAME` (a path goes before the name: `role/path/NAME`).';
        case 'other-partition':
            return `is a role in ${_aws_regions_js__WEBPACK_IMPORTED_MODULE_0__/* .PARTITION_NAMES */ .ww[problem.partition]}, but the job's region ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(problem.region)} is in ${_aws_regions_js__WEBPACK_IMPORTED_MODULE_0__/* .PARTITION_NAMES */ .ww[(0,_aws_regions_js__WEBPACK_IMPORTED_MODULE_0__/* .partitionOfRegion */ .cn)(problem.region)]}: only the STS of the role's own partition can assume it, with the OIDC provider registered in that partition's account.`;
    }
}
/** `role-to-assume` cannot name a role STS of this region could assume: found before asking. */
function roleArnUnusable(role, problem) {
    const words = problemWords(problem);
    const meant = problem.kind === 'not-an-arn' || (problem.kind === 'not-a-role' && problem.meant !== undefined)
        ? problem.meant
        : undefined;
    const remediation = problem.kind === 'other-partition'
        ? `Run the check (and configure-aws-credentials) with a region of that partition: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(`aws-region: ${problem.suggestedRegion}`)}.`
        : meant !== undefined
            ? `Set ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(`role-to-assume: ${(0,_quoting_js__WEBPACK_IMPORTED_MODULE_8__/* .yamlScalar */ .Ew)(meant)}`)}${meant.includes('ACCOUNT_ID') ? ' with the account ID in place of `ACCOUNT_ID`' : ''}; ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(`aws iam get-role --role-name ${(0,_quoting_js__WEBPACK_IMPORTED_MODULE_8__/* .shellArg */ .JP)(meant.split('/').pop() ?? 'NAME')} --query Role.Arn`)} prints it.`
            : 'Set `role-to-assume` to the ARN of the role to assume: `aws iam get-role --role-name NAME --query Role.Arn` prints it.';
    return (0,_findings_js__WEBPACK_IMPORTED_MODULE_1__/* .finding */ .gk)('oidc-assume-role-invalid', {
        title: problem.kind === 'other-partition'
            ? "The role is in another partition than the job's region"
            : '`role-to-assume` is not the ARN of a role',
        message: `\`role-to-assume\` (${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(role)}) ${words} The request was not sent to STS.`,
        remediation,
        source: 'role-to-assume',
        evidence: [
            `role-to-assume: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(role)}`,
            ...(meant === undefined ? [] : [`probably meant: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(meant)}`])
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
    return (0,_findings_js__WEBPACK_IMPORTED_MODULE_1__/* .finding */ .gk)('oidc-assume-role-invalid', {
        message: `${(0,_web_identity_token_invalid_js__WEBPACK_IMPORTED_MODULE_7__/* .stsSaid */ .o)(answer)}: STS rejected the AssumeRoleWithWebIdentity request for ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(context.roleArn)} itself, before looking at the trust policy.`,
        remediation,
        source: context.source,
        evidence: [
            `STS: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(answer.code)}: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .escapeText */ .X1)(answer.message)}`,
            `role: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(context.roleArn)}`
        ]
    });
}
/** STS could not validate the token for another reason (verification keys, signature, claims). */
function tokenNotAccepted(context, answer) {
    const remediation = "STS fetches the issuer's `/.well-known/openid-configuration` and its keys from the internet within about five seconds: the issuer must be public and fast. For GitHub's issuer this is usually an AWS or GitHub incident: re-run the job.";
    if (context.tokenSource === 'web-identity-file')
        return (0,_web_identity_token_invalid_js__WEBPACK_IMPORTED_MODULE_7__/* .webIdentityTokenInvalid */ .Z)({
            kind: 'sts-not-validated',
            roleArn: context.roleArn,
            ...(context.tokenFile === undefined ? {} : { tokenFile: context.tokenFile }),
            source: context.source,
            answer
        });
    return (0,_findings_js__WEBPACK_IMPORTED_MODULE_1__/* .finding */ .gk)('oidc-assume-role-invalid', {
        title: 'STS could not validate the OIDC token',
        message: `${(0,_web_identity_token_invalid_js__WEBPACK_IMPORTED_MODULE_7__/* .stsSaid */ .o)(answer)} for ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(context.roleArn)} with ${tokenWord(context)}.`,
        remediation,
        source: context.source,
        evidence: [`STS: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(answer.code)}: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .escapeText */ .X1)(answer.message)}`]
    });
}
/** A web identity token file that cannot be used, found before asking STS. */
function webIdentityFileProblem(file, problem, source, detail) {
    return (0,_web_identity_token_invalid_js__WEBPACK_IMPORTED_MODULE_7__/* .webIdentityTokenInvalid */ .Z)({
        kind: 'file',
        path: file,
        state: problem,
        source,
        ...(detail === undefined ? {} : { detail })
    });
}
function regionDisabled(context, answer, region) {
    return (0,_findings_js__WEBPACK_IMPORTED_MODULE_1__/* .finding */ .gk)('region-not-enabled', {
        message: `${(0,_web_identity_token_invalid_js__WEBPACK_IMPORTED_MODULE_7__/* .stsSaid */ .o)(answer)} for ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(context.roleArn)} in ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(region)}: STS is not enabled in this region for the role's account, so it cannot issue credentials there.`,
        remediation: `Use a region that is enabled for the account (\`aws-region\`, or \`AWS_REGION\`), or enable STS in ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(region)} (IAM → Account settings → Security Token Service (STS) → Endpoints).`,
        source: context.source,
        evidence: [`STS: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(answer.code)}: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .escapeText */ .X1)(answer.message)}`, `region ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(region)}`]
    });
}
/** One finding of the OIDC phase, written from its facts. */
function oidcFinding(fact) {
    switch (fact.kind) {
        case 'permission-missing':
            return permissionMissing(fact.github, fact.roleArn);
        case 'token-request-failed':
            return tokenRequestFailed(fact.response, fact.request);
        case 'token-not-jwt':
            return tokenRequestFailed({ ok: false, reason: 'no-token', missing: 'jwt', attempts: fact.attempts }, fact.request);
        case 'token-claims':
            return claimsNotice(fact.claims, fact.context, fact.now);
        case 'trust-policy-mismatch':
            return trustPolicyMismatch(fact.context, fact.answer, fact.evaluation, fact.lookup);
        case 'trust-policy-permissive':
            return trustPolicyPermissive(fact.context, fact.problems);
        case 'provider-missing':
            return providerMissing(fact.context, fact.answer, fact.thumbprint);
        case 'audience-mismatch':
            return audienceMismatch(fact.context, fact.answer, fact.requestedAudience);
        case 'token-expired':
            return tokenExpired(fact.context, fact.answer, fact.now);
        case 'role-arn-unusable':
            return roleArnUnusable(fact.role, fact.problem);
        case 'assume-role-invalid':
            return assumeRoleInvalid(fact.context, fact.answer);
        case 'token-not-accepted':
            return tokenNotAccepted(fact.context, fact.answer);
        case 'token-file-problem':
            return webIdentityFileProblem(fact.file, fact.problem, fact.source, fact.detail);
        case 'region-disabled':
            return regionDisabled(fact.context, fact.answer, fact.region);
        case 'finding':
            return fact.finding;
    }
}
const ASSUME = 'STS AssumeRoleWithWebIdentity';
const TOKEN_REQUEST = 'OIDC token request';
const TOKEN_FILE = 'Web identity token file';
const ASSUMED_IDENTITY = 'STS GetCallerIdentity (assumed role)';
/** A failed token request as its check line says it: the status or reason, and what was said. */
function requestFailureLine(response) {
    switch (response.reason) {
        case 'http':
            return `HTTP ${response.httpStatus}: ${response.detail}`;
        case 'network':
            return `network: ${response.detail}`;
        case 'timeout':
            return 'timeout: no answer within `timeout-seconds`';
        case 'no-token':
            return `${response.httpStatus === undefined ? 'no-token' : `HTTP ${response.httpStatus}`}: ${NO_TOKEN[response.missing]}`;
    }
}
const NOT_CALLED = {
    'region-invalid': 'not called: the region is not a valid region name',
    'endpoint-not-url': 'not called: the endpoint override is not an http(s) URL',
    'role-arn-unusable': 'not called: `role-to-assume` is not a role STS of this region can assume'
};
/** One check line of the OIDC phase, written from its facts. */
function oidcCheck(fact) {
    switch (fact.kind) {
        case 'token-request':
            return {
                name: TOKEN_REQUEST,
                outcome: 'pass',
                detail: `token for audience ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(fact.audience)}, subject ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(fact.sub ?? '(none)')}`
            };
        case 'token-request-unavailable':
            return {
                name: TOKEN_REQUEST,
                outcome: 'fail',
                detail: fact.fork
                    ? 'not possible: fork pull requests get no OIDC token'
                    : 'not possible: the job lacks `permissions: id-token: write`'
            };
        case 'token-request-failed':
            return {
                name: TOKEN_REQUEST,
                outcome: fact.asked ? 'fail' : 'skip',
                detail: requestFailureLine(fact.response)
            };
        case 'token-not-jwt':
            return { name: TOKEN_REQUEST, outcome: fact.asked ? 'fail' : 'skip', detail: NO_TOKEN.jwt };
        case 'token-file':
            return {
                name: TOKEN_FILE,
                outcome: 'pass',
                detail: `${fact.file}: subject ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(fact.sub ?? '(none)')}`
            };
        case 'token-file-unusable':
            return { name: TOKEN_FILE, outcome: 'fail', detail: `${fact.file}: ${fact.problem}` };
        case 'assumed':
            return {
                name: ASSUME,
                outcome: 'pass',
                detail: `${fact.roleArn}: accepted${fact.subject === undefined ? '' : ` (subject ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(fact.subject)})`}`
            };
        case 'assume-not-called':
            return {
                name: ASSUME,
                outcome: fact.why === 'role-arn-unusable' ? 'fail' : 'skip',
                detail: NOT_CALLED[fact.why]
            };
        case 'assume-refused':
            return { name: ASSUME, outcome: 'fail', detail: `${fact.roleArn}: ${fact.code}` };
        case 'assumed-identity':
            return { name: ASSUMED_IDENTITY, outcome: 'pass', detail: fact.arn };
        case 'assumed-identity-failed':
            return { name: ASSUMED_IDENTITY, outcome: 'fail', detail: fact.code ?? 'no identity' };
        case 'trust-policy': {
            const outcome = fact.lookup.state === 'read'
                ? 'info'
                : fact.lookup.state === 'invalid-json'
                    ? 'warn'
                    : 'skip';
            return { name: 'IAM GetRole (trust policy)', outcome, detail: (0,_oidc_words_js__WEBPACK_IMPORTED_MODULE_6__/* .lookupNote */ .ju)(fact.lookup) };
        }
    }
}
/** The OIDC phase written out: its findings and check lines, in the order the doctor found them. */
function renderOidcPhase(facts) {
    return {
        ...(facts.oidc === undefined ? {} : { oidc: facts.oidc }),
        ...(facts.oidcSub === undefined ? {} : { oidcSub: facts.oidcSub }),
        checks: facts.checks.map(oidcCheck),
        findings: facts.findings.map(oidcFinding)
    };
}


/***/ })

};
