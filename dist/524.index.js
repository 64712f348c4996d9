export const id = 524;
export const ids = [524];
export const modules = {

/***/ 4653:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  jn: () => (/* binding */ classifyStsFailure),
  d: () => (/* binding */ skewWarning)
});

// UNUSED EXPORTS: SKEW_WARNING_MS, STS_SKEW_LIMIT_MS, describeSkew

// EXTERNAL MODULE: ./src/findings.ts
var findings = __webpack_require__(1001);
// EXTERNAL MODULE: ./src/aws/regions.ts
var regions = __webpack_require__(736);
// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(4285);
;// CONCATENATED MODULE: ./src/aws/causes.ts


/** The causes in order, most likely first, without repeats. */
function rankCauses(causes) {
    const present = causes.filter((cause) => cause !== undefined && cause !== false);
    const ordered = present
        .map((cause, index) => ({ cause, index }))
        .sort((a, b) => a.cause.rank - b.cause.rank || a.index - b.index)
        .map(({ cause }) => cause.text);
    return [...new Set(ordered)];
}
/** The lead sentence followed by the numbered causes, as Markdown. */
function withCauses(lead, causes) {
    if (causes.length === 0)
        return lead;
    return `${lead}\n\nLikely causes, most likely first:\n${causes.map((text, index) => `${index + 1}. ${text}`).join('\n')}`;
}
function keyName(facts) {
    return facts.maskedKeyId === undefined || facts.maskedKeyId === ''
        ? 'The access key'
        : `The access key ${(0,markdown/* code */.aY)(facts.maskedKeyId)}`;
}
function sourceWords(facts) {
    return facts.sourceLabel === undefined ? 'the credential source' : facts.sourceLabel;
}
/** The decoded account is not one of `expected-account-id`: the secret holds another account's key. */
function foreignAccount(facts, rank) {
    const account = facts.offlineAccountId;
    if (account === undefined ||
        facts.expectedAccountIds.length === 0 ||
        facts.expectedAccountIds.includes(account))
        return undefined;
    return {
        rank,
        text: `The key ID encodes account ${(0,markdown/* code */.aY)(account)}, which is not in \`expected-account-id\` (${facts.expectedAccountIds.map(id => (0,markdown/* code */.aY)(id)).join(', ')}): the secret holds a key of another account, perhaps one deleted there.`
    };
}
function whereToLook(facts) {
    return facts.offlineAccountId === undefined
        ? ''
        : ` The key ID encodes account ${(0,markdown/* code */.aY)(facts.offlineAccountId)}: look for it there.`;
}
function invalidTokenCauses(facts) {
    const temporary = facts.keyPrefix === 'ASIA';
    const longTerm = facts.keyPrefix === 'AKIA';
    return rankCauses([
        temporary &&
            !facts.hasSessionToken && {
            rank: 1,
            text: 'A temporary key (`ASIA…`) sent without its session token: STS cannot tell which session it belongs to. Set `AWS_SESSION_TOKEN` (or `aws-session-token`) to the token issued with it.'
        },
        longTerm &&
            facts.hasSessionToken && {
            rank: 1,
            text: 'A long-term key (`AKIA…`) sent together with a session token left over from earlier temporary credentials: STS rejects the pair. Remove `AWS_SESSION_TOKEN` / `aws_session_token`.'
        },
        facts.partition !== 'aws' && {
            rank: 2,
            text: `The region ${(0,markdown/* code */.aY)(facts.region)} belongs to ${regions/* PARTITION_NAMES */.ww[facts.partition]}, and keys exist in one partition only: a key of the commercial partition is unknown there. Use the region of the partition the key was created in.`
        },
        foreignAccount(facts, 3),
        temporary &&
            facts.hasSessionToken && {
            rank: 4,
            text: 'The temporary credentials were revoked, or expired long ago (STS answers very old session tokens this way instead of `ExpiredToken`), or the session token belongs to other credentials than the key ID. Obtain fresh credentials in this job.'
        },
        longTerm && {
            rank: 5,
            text: `${keyName(facts)} was deleted or deactivated in IAM (a finished rotation, or a security tool that disables old keys).${whereToLook(facts)}`
        },
        facts.partition === 'aws' && {
            rank: 6,
            text: `A key of AWS China (aws-cn) or AWS GovCloud (aws-us-gov) sent to this commercial endpoint: those keys work only with their partition's regions (\`cn-north-1\`, \`us-gov-west-1\`).`
        },
        facts.optInRegion && {
            rank: 7,
            text: `${(0,markdown/* code */.aY)(facts.region)} is an opt-in region: if the account has not enabled it, its STS endpoint answers this way for every key.`
        },
        {
            rank: 8,
            text: `The key ID was mistyped or truncated when it was stored in ${sourceWords(facts)}.`
        },
        longTerm && {
            rank: 9,
            text: 'The key was created moments ago: IAM is eventually consistent, so a new key can fail for a few seconds. Re-run the job.'
        },
        facts.endpointVariable !== undefined && {
            rank: 10,
            // The message names the endpoint that answered: the cause points back at it.
            text: `${(0,markdown/* code */.aY)(facts.endpointVariable)} sends the requests to that endpoint instead of AWS's own, and it may not know this account's keys.`
        }
    ]);
}
function signatureCauses(facts, skewMs) {
    return rankCauses([
        {
            rank: 1,
            text: 'The secret belongs to another key: during a rotation the new secret was stored beside the old key ID, or the other way round. Store the key ID and the secret of the same key together.'
        },
        {
            rank: 2,
            text: `The secret was altered when it was stored in ${sourceWords(facts)}: a character lost or added while copying, a trailing newline or space, or quotes kept as part of the value.`
        },
        facts.keyPrefix === 'ASIA' && {
            rank: 3,
            text: 'The temporary key ID, secret and session token come from different sessions (one of them was refreshed, the others not).'
        },
        skewMs !== undefined &&
            Math.abs(skewMs) > 5 * 60 * 1000 && {
            rank: 4,
            text: "The runner's clock is off (see `clock-skew`); within fifteen minutes STS still accepts it, so this is less likely the cause."
        },
        facts.endpointVariable !== undefined && {
            rank: 5,
            text: `${(0,markdown/* code */.aY)(facts.endpointVariable)} sends the requests to that endpoint instead of AWS's own, and it may check signatures against another copy of the key.`
        }
    ]);
}
function expiredCauses(facts) {
    const stored = facts.sourceKind === 'environment' || facts.sourceKind === 'input';
    const tokenFile = facts.tokenFile;
    return rankCauses([
        tokenFile !== undefined &&
            tokenFile.state === 'expired' && {
            rank: 0,
            text: `The web identity token in ${(0,markdown/* code */.aY)(tokenFile.path)} has expired${tokenFile.expiresAt === undefined ? '' : ` (at ${tokenFile.expiresAt})`}: whatever writes it (the platform, a sidecar, an earlier step) did not refresh it.`
        },
        stored && {
            rank: 1,
            text: `Temporary credentials were stored in ${sourceWords(facts)} (a secret, or a value passed from an earlier job): they expire after 15 minutes to 12 hours and cannot be renewed from there.`
        },
        {
            rank: 2,
            text: 'The step that obtained them ran longer ago than their duration: a long build between `configure-aws-credentials` and this step, or a short `role-duration-seconds`.'
        },
        (facts.sourceKind === 'shared-credentials-file' || facts.sourceKind === 'config-file') && {
            rank: 3,
            text: `The profile's credentials in ${sourceWords(facts)} were written by an earlier login (\`aws sso login\`, a credential helper) and have expired since.`
        }
    ]);
}
function regionCauses(facts, code) {
    return rankCauses([
        code === 'RegionDisabledException' && {
            rank: 0,
            text: `STS is deactivated for this account in ${(0,markdown/* code */.aY)(facts.region)} (IAM → Account settings → Security Token Service → Endpoints).`
        },
        facts.optInRegion && {
            rank: 1,
            text: `${(0,markdown/* code */.aY)(facts.region)} is an opt-in region and this account has not enabled it (Account → AWS Regions, or ${(0,markdown/* code */.aY)(`aws account enable-region --region-name ${facts.region}`)}).`
        },
        facts.keyPrefix === 'ASIA' && {
            rank: 2,
            text: 'The session token was issued by the global STS endpoint (`sts.amazonaws.com`), whose version 1 tokens are not valid in opt-in regions. Obtain the credentials from a regional endpoint, or set the global endpoint to issue version 2 tokens.'
        },
        {
            rank: 3,
            text: `The region came from ${facts.regionOrigin ?? 'the configuration'}: if the job does not need ${(0,markdown/* code */.aY)(facts.region)}, use a region enabled for the account.`
        }
    ]);
}
/** Node reports a TLS record it cannot read (a plain-HTTP server, a broken proxy) as EPROTO. */
function isTlsCode(code) {
    return (code === 'EPROTO' ||
        code.startsWith('ERR_TLS') ||
        code.startsWith('ERR_SSL') ||
        code.includes('CERT'));
}
/** Causes of a network failure: which hop failed, and what is known about it. */
function networkCauses(facts, code, proxyStage, proxyStatus) {
    const proxy = facts.proxy;
    const dns = code === 'ENOTFOUND' || code === 'EAI_AGAIN';
    const tls = isTlsCode(code);
    return rankCauses([
        proxy !== undefined &&
            proxyStage === 'tunnel' && {
            rank: 1,
            text: proxyStatus === 407
                ? `The proxy ${(0,markdown/* code */.aY)(proxy.display)} (from ${(0,markdown/* code */.aY)(proxy.variable)}) requires authentication: put the user and password in the proxy URL, or allow the runner through.`
                : `The proxy ${(0,markdown/* code */.aY)(proxy.display)} (from ${(0,markdown/* code */.aY)(proxy.variable)}) refused to connect to ${(0,markdown/* code */.aY)(facts.endpoint)} (HTTP ${proxyStatus ?? '?'}): its allow-list may not include the STS endpoint.`
        },
        proxy !== undefined &&
            proxyStage === 'connect' && {
            rank: 1,
            text: `The proxy ${(0,markdown/* code */.aY)(proxy.display)} (from ${(0,markdown/* code */.aY)(proxy.variable)}) could not be reached: check the address, or add the STS endpoint's host to \`NO_PROXY\` if it should be reached directly.`
        },
        dns &&
            facts.endpointVariable === undefined &&
            !(0,regions/* looksLikeRegion */.U7)(facts.region) && {
            rank: 2,
            text: `The region ${(0,markdown/* code */.aY)(facts.region)} (from ${facts.regionOrigin ?? 'the configuration'}) does not look like an AWS region name, so its STS host name does not exist.`
        },
        facts.endpointVariable !== undefined && {
            rank: 3,
            text: `${(0,markdown/* code */.aY)(facts.endpointVariable)} points at ${(0,markdown/* code */.aY)(facts.endpoint)}: a service that is not running, or not reachable from this runner.`
        },
        tls && {
            rank: 4,
            text: 'A TLS-inspecting proxy or appliance presents its own certificate, which Node does not trust: add its CA with `NODE_EXTRA_CA_CERTS`.'
        },
        dns && {
            rank: 5,
            text: "The runner's DNS cannot resolve the STS host: a private network without outbound DNS, or a missing VPC endpoint for STS."
        },
        proxy === undefined &&
            !dns && {
            rank: 6,
            text: 'Outbound HTTPS from the runner is blocked or needs a proxy: set `HTTPS_PROXY` (and `NO_PROXY`) for the job.'
        }
    ]);
}
function timeoutCauses(facts) {
    return rankCauses([
        facts.proxy !== undefined && {
            rank: 1,
            text: `The proxy ${(0,markdown/* code */.aY)(facts.proxy.display)} (from ${(0,markdown/* code */.aY)(facts.proxy.variable)}) accepted the connection but did not pass an answer back.`
        },
        facts.endpointVariable !== undefined && {
            rank: 2,
            text: `${(0,markdown/* code */.aY)(facts.endpointVariable)} points at ${(0,markdown/* code */.aY)(facts.endpoint)}, which does not answer.`
        },
        {
            rank: 3,
            text: 'A firewall drops the packets instead of refusing them, so the connection hangs (common on self-hosted runners).'
        },
        {
            rank: 4,
            text: 'The network is slow and `timeout-seconds` is tight for it (the IAM look-ups share the same budget).'
        }
    ]);
}
function serviceCauses(facts, code, status) {
    const throttled = code.startsWith('Throttl') || code === 'RequestLimitExceeded';
    return rankCauses([
        throttled && {
            rank: 1,
            text: 'Many jobs call STS for this account at the same moment (a large matrix, many repositories sharing an account) and STS throttles them.'
        },
        status !== undefined &&
            status >= 500 && {
            rank: 1,
            text: `A temporary problem at AWS in ${(0,markdown/* code */.aY)(facts.region)}: check the AWS Health Dashboard.`
        },
        facts.endpointVariable !== undefined && {
            rank: 2,
            text: `${(0,markdown/* code */.aY)(facts.endpointVariable)} points at ${(0,markdown/* code */.aY)(facts.endpoint)}, which may not be STS.`
        },
        facts.proxy !== undefined && {
            rank: 3,
            text: `The proxy ${(0,markdown/* code */.aY)(facts.proxy.display)} answered in STS's place (an error or login page).`
        },
        !throttled && {
            rank: 4,
            text: 'Something between the runner and AWS (a proxy, a captive portal, an appliance) answered with its own page.'
        }
    ]);
}

// EXTERNAL MODULE: ./src/aws/endpoint-override.ts
var endpoint_override = __webpack_require__(5089);
;// CONCATENATED MODULE: ./src/aws/classify.ts
/**
 * Turns what STS answered into the finding that names its cause. Decisions are made on error
 * codes, HTTP status and measured facts (the server's clock, what other regions answered),
 * never on message text, but for the one `SignatureDoesNotMatch` whose fixed text says the
 * region is the problem, not the secret. Each finding carries its evidence and a ranked list of likely causes.
 */





/** STS accepts requests signed up to fifteen minutes off its clock. */
const STS_SKEW_LIMIT_MS = 15 * 60 * 1000;
/** Beyond five minutes the clock is worth fixing even when the SDK hides it. */
const SKEW_WARNING_MS = 5 * 60 * 1000;
/** Codes that mean STS could not match the request to a key it knows. */
const UNKNOWN_KEY_CODES = new Set([
    'InvalidClientTokenId',
    'UnrecognizedClientException',
    'IncompleteSignature',
    'MissingAuthenticationToken'
]);
const CLOCK_CODES = new Set([
    'SignatureDoesNotMatch',
    'RequestExpired',
    'RequestTimeTooSkewed',
    'InvalidSignatureException'
]);
const EXPIRED_CODES = new Set(['ExpiredToken', 'ExpiredTokenException']);
/** Codes that name the request's timestamp itself: the clock, whatever could be measured. */
const TIMESTAMP_CODES = new Set(['RequestExpired', 'RequestTimeTooSkewed']);
function describeSkew(skewMs) {
    const minutes = Math.round(Math.abs(skewMs) / 60000);
    const seconds = Math.round(Math.abs(skewMs) / 1000);
    const amount = minutes >= 2 ? `${minutes} minutes` : `${seconds} seconds`;
    return `the runner's clock is ${amount} ${skewMs > 0 ? 'ahead of' : 'behind'} AWS's`;
}
function capitalised(text) {
    return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}
function answered(failure, context) {
    const status = failure.httpStatus === undefined ? '' : `HTTP ${failure.httpStatus} `;
    const id = failure.requestId === undefined ? '' : ` (request ID ${failure.requestId})`;
    return `${context.endpoint} answered ${status}${(0,markdown/* code */.aY)(failure.code)}${id}`;
}
function sourced(context) {
    return context.source === undefined ? {} : { source: context.source };
}
/** Facts for the causes when the caller had none: only what the context itself says. */
function factsOf(context) {
    return (context.facts ?? {
        hasSessionToken: false,
        resolvedBySdk: false,
        region: context.region,
        partition: (0,regions/* partitionOfRegion */.cn)(context.region),
        optInRegion: (0,regions/* isOptInRegion */.rr)(context.region),
        expectedAccountIds: [],
        endpoint: context.endpoint
    });
}
function probeLine(probe) {
    const outcome = probe.accepted
        ? `accepted the key${probe.identity === undefined ? '' : ` (${(0,markdown/* code */.aY)(probe.identity.arn)})`}`
        : probe.code === undefined
            ? 'gave no answer'
            : `answered ${(0,markdown/* code */.aY)(probe.code)}`;
    return `GetCallerIdentity signed for ${probe.region} at ${probe.endpoint} ${outcome}`;
}
function evidenceOf(failure, context) {
    const facts = context.facts;
    const lines = [
        `endpoint ${context.endpoint}`,
        ...(failure.kind === 'service' || failure.kind === 'unreadable'
            ? [answered(failure, context)]
            : [`error ${failure.code}`]),
        `region ${context.region} (${regions/* PARTITION_NAMES */.ww[(0,regions/* partitionOfRegion */.cn)(context.region)]}${(0,regions/* isOptInRegion */.rr)(context.region) ? ', opt-in' : ''})`
    ];
    if (facts?.maskedKeyId !== undefined && facts.maskedKeyId !== '')
        lines.push(`access key ${facts.maskedKeyId}${facts.keyPrefix === undefined ? '' : ` (${facts.keyPrefix})`}, ${facts.hasSessionToken ? 'with' : 'without'} a session token`);
    if (facts?.offlineAccountId !== undefined)
        lines.push(`account decoded from the key ID: ${facts.offlineAccountId}`);
    if (facts?.proxy !== undefined)
        lines.push(`through proxy ${facts.proxy.display} (${facts.proxy.variable})`);
    if (context.clockSkewMs !== undefined && context.clockSkewMs !== 0)
        lines.push(`clock: ${describeSkew(context.clockSkewMs)} (response Date header)`);
    for (const probe of context.probes ?? [])
        lines.push(probeLine(probe));
    lines.push(`attempts: ${failure.attempts}`);
    return lines;
}
function networkWhat(failure, context) {
    const proxy = context.facts?.proxy;
    if (proxy !== undefined && failure.proxyStage === 'tunnel')
        return `the proxy ${proxy.display} refused to open a connection to it (HTTP ${failure.proxyStatus ?? '?'})`;
    if (proxy !== undefined && failure.proxyStage === 'connect')
        return `the proxy ${proxy.display} (from ${(0,markdown/* code */.aY)(proxy.variable)}) could not be reached`;
    if (failure.code === 'ENOTFOUND' || failure.code === 'EAI_AGAIN')
        return "the endpoint's name could not be resolved (DNS)";
    if (failure.code === 'ECONNREFUSED')
        return 'the connection was refused';
    if (isTlsCode(failure.code))
        return 'the TLS handshake failed (a proxy or appliance presenting its own certificate?)';
    if (failure.code === 'ECONNRESET' || failure.code === 'EPIPE')
        return 'the connection was closed before an answer came';
    return 'the connection failed';
}
function unknownKey(failure, context, evidence) {
    const facts = factsOf(context);
    const probes = context.probes ?? [];
    const samePartition = probes.find(probe => probe.accepted && probe.partition === (0,regions/* partitionOfRegion */.cn)(context.region));
    if (samePartition !== undefined) {
        return (0,findings/* finding */.gk)('region-not-enabled', {
            title: `The key works, but not in ${context.region}`,
            message: withCauses(`STS at ${context.endpoint} refused the credentials (${(0,markdown/* code */.aY)(failure.code)}), while the same credentials signed for ${samePartition.region} were accepted: the key is valid, the region is not usable for it.`, regionCauses(facts, failure.code)),
            remediation: `Enable ${(0,markdown/* code */.aY)(context.region)} for the account (Account → AWS Regions, or \`aws account enable-region --region-name ${context.region}\`), or, for temporary credentials, obtain them from a regional STS endpoint; if the job does not need this region, set \`aws-region\` to one that is enabled.`,
            evidence,
            ...sourced(context)
        });
    }
    const otherPartition = probes.find(probe => probe.accepted);
    if (otherPartition !== undefined) {
        return (0,findings/* finding */.gk)('invalid-client-token-id', {
            title: `The access key belongs to ${regions/* PARTITION_NAMES */.ww[otherPartition.partition]}, not to the partition of ${context.region}`,
            message: withCauses(`STS at ${context.endpoint} does not know the key (${(0,markdown/* code */.aY)(failure.code)}), but STS of ${regions/* PARTITION_NAMES */.ww[otherPartition.partition]} accepted it when signed for ${otherPartition.region}: keys exist in one partition only.`, [
                `The region ${(0,markdown/* code */.aY)(context.region)} (from ${facts.regionOrigin ?? 'the configuration'}) is in ${regions/* PARTITION_NAMES */.ww[(0,regions/* partitionOfRegion */.cn)(context.region)]}, while the key was created in ${regions/* PARTITION_NAMES */.ww[otherPartition.partition]}.`
            ]),
            remediation: `Set \`aws-region\` (or \`AWS_REGION\`) to a region of ${regions/* PARTITION_NAMES */.ww[otherPartition.partition]}, such as ${(0,markdown/* code */.aY)(otherPartition.region)}, or use a key created in ${regions/* PARTITION_NAMES */.ww[(0,regions/* partitionOfRegion */.cn)(context.region)]}.`,
            evidence,
            ...sourced(context)
        });
    }
    const title = failure.code === 'IncompleteSignature'
        ? 'STS could not read the access key ID from the request'
        : undefined;
    return (0,findings/* finding */.gk)('invalid-client-token-id', {
        ...(title === undefined ? {} : { title }),
        message: withCauses(`STS does not recognise ${facts.maskedKeyId === undefined || facts.maskedKeyId === '' ? 'the access key ID' : `the access key ID ${(0,markdown/* code */.aY)(facts.maskedKeyId)}`}: ${answered(failure, context)}.`, invalidTokenCauses(facts)),
        remediation: 'Check that the key still exists and is active (IAM → Users → NAME → Security credentials, or `aws iam list-access-keys --user-name NAME`), that it belongs to this partition (aws, aws-cn, aws-us-gov) and that the secret holding it was not mistyped.',
        evidence,
        ...sourced(context)
    });
}
/**
 * STS's `SignatureDoesNotMatch` with "Credential should be scoped to a valid region": the
 * request was signed for a region the endpoint does not serve (a regional endpoint takes its
 * own region only, the global `sts.amazonaws.com` takes `us-east-1`), so the secret is fine.
 * Its message is the only thing that tells it from a wrong secret.
 */
function isRegionScope(failure) {
    return /Credential should be scoped to a valid region/iu.test(failure.message);
}
function regionScope(failure, context, evidence) {
    const override = context.override;
    const where = override === undefined
        ? `${context.endpoint} does not serve it`
        : `${override.where} sends the request to ${(0,markdown/* code */.aY)(override.override.url)}, an endpoint that does not serve it (a regional STS endpoint takes requests signed for its own region only)`;
    return (0,findings/* finding */.gk)('region-invalid', {
        title: `STS refused the region ${context.region} the request was signed for`,
        message: `${capitalised(answered(failure, context))}: "Credential should be scoped to a valid region". The request was signed for ${(0,markdown/* code */.aY)(context.region)}, and ${where}. The key and its secret are not the problem: every AWS tool of this job that signs for this region at this endpoint fails the same way.`,
        remediation: override === undefined
            ? `Set the region (\`AWS_REGION\`, or the \`aws-region\` input) to the region of the STS endpoint the job uses.`
            : `Set the region (\`AWS_REGION\`) to the region of the endpoint ${(0,markdown/* code */.aY)(override.override.url)}, or point ${override.where} at ${(0,markdown/* code */.aY)(`https://sts.${context.region}.amazonaws.com`)}, or remove it.`,
        evidence: [...evidence, `signed for region ${context.region}`],
        ...sourced(context)
    });
}
function classifyStsFailure(failure, context) {
    // Nothing at all at an override (no such host, nothing listening) is the override's fault,
    // unless a proxy was the hop that failed. A server that is there and does not answer in time
    // or drops the connection may be a real STS endpoint having trouble: sts-timeout or
    // sts-unreachable, with the override among their causes.
    if ((0,endpoint_override/* isNothingThere */.yc)(failure) && context.override !== undefined)
        return (0,endpoint_override/* overrideUnreachable */.nf)(failure, context.override);
    const facts = factsOf(context);
    const evidence = evidenceOf(failure, context);
    if (failure.kind === 'timeout') {
        return (0,findings/* finding */.gk)('sts-timeout', {
            message: withCauses(`No answer from ${context.endpoint} within \`timeout-seconds\` (${context.timeoutSeconds} s)${facts.proxy === undefined ? '' : `, through the proxy ${facts.proxy.display}`}.`, timeoutCauses(facts)),
            remediation: 'Check that the runner can reach STS (a firewall or proxy that swallows the connection shows as this). Self-hosted runners behind a proxy need `HTTPS_PROXY`; private networks need the STS VPC endpoint and `AWS_ENDPOINT_URL_STS`. Raise `timeout-seconds` only if the network is known to be slow.',
            evidence: [...evidence, `waited ${context.timeoutSeconds} s`],
            ...sourced(context)
        });
    }
    if (failure.kind === 'network') {
        return (0,findings/* finding */.gk)('sts-unreachable', {
            message: withCauses(`STS at ${context.endpoint} could not be reached: ${networkWhat(failure, context)} (${(0,markdown/* code */.aY)(failure.code)}).`, networkCauses(facts, failure.code, failure.proxyStage, failure.proxyStatus)),
            remediation: "Check the runner's network: DNS, outbound HTTPS to the STS endpoint, `HTTPS_PROXY`/`NO_PROXY` on self-hosted runners, and any `AWS_ENDPOINT_URL_STS` or `AWS_ENDPOINT_URL` that points somewhere else.",
            evidence,
            ...sourced(context)
        });
    }
    const skew = context.clockSkewMs;
    const measuredTooFar = skew !== undefined && Math.abs(skew) > STS_SKEW_LIMIT_MS && CLOCK_CODES.has(failure.code);
    if (measuredTooFar || TIMESTAMP_CODES.has(failure.code)) {
        const why = skew === undefined || skew === 0
            ? "the request's timestamp was outside the time STS accepts (its answer carried no usable `Date` header to measure the difference)"
            : describeSkew(skew);
        return (0,findings/* finding */.gk)('clock-skew', {
            severity: 'error',
            title: "The runner's clock is too far off for AWS to accept the request",
            message: `STS refused the request (${(0,markdown/* code */.aY)(failure.code)}) because ${why}; STS rejects signatures more than 15 minutes off. The AWS SDK for JavaScript may retry with a corrected clock, but the AWS CLI will fail on this runner.`,
            remediation: "Synchronise the runner's clock (`timedatectl set-ntp true`, or `chronyc makestep` on self-hosted runners; a suspended VM or container often resumes with an old clock).",
            evidence,
            ...sourced(context)
        });
    }
    if (UNKNOWN_KEY_CODES.has(failure.code))
        return unknownKey(failure, context, evidence);
    if (failure.code === 'RegionDisabledException') {
        return (0,findings/* finding */.gk)('region-not-enabled', {
            title: `STS is not activated in ${context.region} for this account`,
            message: withCauses(`${capitalised(answered(failure, context))}.`, regionCauses(facts, failure.code)),
            remediation: `Activate STS in ${(0,markdown/* code */.aY)(context.region)} (IAM → Account settings → Security Token Service → Endpoints), or use another region.`,
            evidence,
            ...sourced(context)
        });
    }
    if (failure.code === 'SignatureDoesNotMatch' && isRegionScope(failure))
        return regionScope(failure, context, evidence);
    if (failure.code === 'SignatureDoesNotMatch') {
        return (0,findings/* finding */.gk)('signature-mismatch', {
            message: withCauses(`STS knows the access key ID, but the request was signed with a different secret: ${answered(failure, context)}.`, signatureCauses(facts, skew)),
            remediation: 'Store the secret access key again, exactly as `aws iam create-access-key` printed it: no newline, no spaces, no quotes, and the secret that belongs to this key ID (secrets of two keys are easily mixed up during rotation).',
            evidence,
            ...sourced(context)
        });
    }
    if (EXPIRED_CODES.has(failure.code)) {
        return (0,findings/* finding */.gk)('expired-token', {
            message: withCauses(`The session token has expired: ${answered(failure, context)}.`, [
                ...expiredCauses(facts)
            ]),
            remediation: 'Temporary credentials last from 15 minutes to 12 hours. Obtain fresh ones in the job itself (`aws-actions/configure-aws-credentials` with OIDC) instead of storing them as secrets, and run this check right after the step that obtains them.',
            evidence,
            ...sourced(context)
        });
    }
    return (0,findings/* finding */.gk)('sts-service-error', {
        message: withCauses(failure.kind === 'unreadable'
            ? `STS at ${context.endpoint} sent an answer that could not be read (${(0,markdown/* code */.aY)(failure.code)}${failure.httpStatus === undefined ? '' : `, HTTP ${failure.httpStatus}`}), after ${failure.attempts} attempt${failure.attempts === 1 ? '' : 's'}.`
            : `STS failed to answer: ${answered(failure, context)}, after ${failure.attempts} attempt${failure.attempts === 1 ? '' : 's'}.`, serviceCauses(facts, failure.code, failure.httpStatus)),
        remediation: failure.code.startsWith('Throttl')
            ? 'STS is throttling this account: spread out the jobs that call it (`strategy.max-parallel`), or retry later.'
            : 'This is usually temporary: re-run the job. If it persists, check the AWS Health Dashboard for STS in this region, and any proxy or endpoint override between the runner and AWS.',
        evidence,
        ...sourced(context)
    });
}
/** The warning for a skew STS still tolerates, measured on a successful answer. */
function skewWarning(skewMs, endpoint) {
    if (skewMs === undefined || Math.abs(skewMs) <= SKEW_WARNING_MS)
        return [];
    return [
        (0,findings/* finding */.gk)('clock-skew', {
            message: `${capitalised(describeSkew(skewMs))} (measured against the \`Date\` header from ${endpoint}). The AWS SDK for JavaScript corrects this silently, but the AWS CLI does not, and STS refuses requests more than 15 minutes off.`,
            remediation: "Synchronise the runner's clock with NTP (`timedatectl set-ntp true`, or `chronyc makestep`).",
            evidence: [`skew ${Math.round(skewMs / 1000)} s`, `endpoint ${endpoint}`]
        })
    ];
}


/***/ }),

/***/ 6906:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Qy: () => (/* binding */ displayUrl),
/* harmony export */   Vo: () => (/* binding */ CONTAINER_TIMEOUT_MS),
/* harmony export */   r1: () => (/* binding */ CONTAINER_RETRIES),
/* harmony export */   zB: () => (/* binding */ fromContainerEndpoint)
/* harmony export */ });
/* unused harmony export hostAllowed */
/* harmony import */ var _discover_files_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4632);
/* harmony import */ var _deadline_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7969);
/* harmony import */ var _imds_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4806);



/** `fromHttp`'s default `timeout`, per request and between attempts. */
const CONTAINER_TIMEOUT_MS = 1000;
/** `fromHttp`'s default `maxRetries`. */
const CONTAINER_RETRIES = 3;
const LINK_LOCAL_HOSTS = new Set(['169.254.170.2', '169.254.170.23', '[fd00:ec2::23]']);
const LOOPBACK_V6 = new Set(['[::1]', '[0000:0000:0000:0000:0000:0000:0000:0001]']);
/** `checkUrl` of @aws-sdk/credential-provider-http: whether the SDK would send the request. */
function hostAllowed(url) {
    if (url.protocol === 'https:')
        return true;
    if (LINK_LOCAL_HOSTS.has(url.hostname))
        return true;
    if (url.hostname.includes('['))
        return LOOPBACK_V6.has(url.hostname);
    if (url.hostname === 'localhost')
        return true;
    const parts = url.hostname.split('.');
    const inRange = (part) => {
        const value = Number.parseInt(part ?? '', 10);
        return value >= 0 && value <= 255;
    };
    return parts.length === 4 && parts[0] === '127' && parts.slice(1).every(inRange);
}
/** A URL without user information or query, which could carry credentials of their own. */
function displayUrl(url) {
    return `${url.protocol}//${url.host}${url.pathname}`;
}
function authorizationOf(endpoint) {
    const authorization = endpoint.authorization;
    if (authorization === undefined)
        return { ok: true };
    let value;
    if (authorization.kind === 'file') {
        const read = (0,_discover_files_js__WEBPACK_IMPORTED_MODULE_0__/* .readFileFromDisk */ .Q4)(authorization.path);
        if (read.state !== 'read')
            return {
                ok: false,
                problem: 'token-file',
                exchanges: [],
                detail: read.state === 'missing' ? 'missing' : (read.detail ?? read.state)
            };
        value = read.text;
    }
    else
        value = authorization.token;
    // The SDK's validateToken; Node itself refuses other control characters in a header.
    if (value.includes('\r\n') || /[^\t\x20-\x7e\x80-\xff]/u.test(value))
        return { ok: false, problem: 'token-invalid', exchanges: [] };
    return { ok: true, value };
}
function statusProblem(status) {
    if (status === 401 || status === 403)
        return 'unauthorized';
    if (status === 404)
        return 'not-found';
    return 'error-status';
}
/** Asks until something answers, as the SDK's retries would, within the deadline. */
async function ask(url, authorization, deadline, exchanges) {
    const headers = authorization === undefined ? {} : { Authorization: authorization };
    // The path with its query, as the SDK sends it; shown without the query.
    const path = `${url.pathname}${url.search}`;
    const options = { timeoutMs: CONTAINER_TIMEOUT_MS, asked: `GET ${displayUrl(url)}` };
    let answer = await (0,_imds_js__WEBPACK_IMPORTED_MODULE_1__/* .send */ .tN)(url, 'GET', path, headers, deadline, options);
    exchanges.push(answer.exchange);
    for (let retry = 0; retry < CONTAINER_RETRIES; retry += 1) {
        if (answer.exchange.outcome === 'answered')
            break;
        if (deadline.remaining() <= CONTAINER_TIMEOUT_MS)
            break;
        await (0,_deadline_js__WEBPACK_IMPORTED_MODULE_2__/* .sleep */ .y)(CONTAINER_TIMEOUT_MS);
        answer = await (0,_imds_js__WEBPACK_IMPORTED_MODULE_1__/* .send */ .tN)(url, 'GET', path, headers, deadline, options);
        exchanges.push(answer.exchange);
    }
    return answer;
}
/** The full URI hosts `fromContainerMetadata` asks (@smithy/credential-provider-imds `GREENGRASS_HOSTS`). */
const FALLBACK_HOSTS = new Set(['localhost', '127.0.0.1']);
/**
 * Whether the JS SDK's chain asks again after `fromHttp` failed: it then runs
 * `fromContainerMetadata`, which asks the relative URI, or a full URI on `localhost` or
 * `127.0.0.1`, once (no retry, 1 s), sending only `AWS_CONTAINER_AUTHORIZATION_TOKEN`. Only
 * where the token file was sent does that ask anything new (measured with the real chain:
 * __tests__/differential/container-hosts.test.ts).
 */
function fallbackAsks(endpoint, url) {
    if (endpoint.authorization?.kind !== 'file')
        return false;
    return (endpoint.variable === 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI' ||
        FALLBACK_HOSTS.has(url.hostname));
}
/** The fallback provider's one request; its credentials where it got some, else the failure. */
async function viaFallback(failure, endpoint, url, deadline) {
    const headers = endpoint.fallbackToken === undefined ? {} : { Authorization: endpoint.fallbackToken };
    const options = {
        timeoutMs: CONTAINER_TIMEOUT_MS,
        asked: `GET ${displayUrl(url)} (the JS SDK's fallback provider)`
    };
    const answer = await (0,_imds_js__WEBPACK_IMPORTED_MODULE_1__/* .send */ .tN)(url, 'GET', `${url.pathname}${url.search}`, headers, deadline, options);
    const exchanges = [...failure.exchanges, answer.exchange];
    const parsed = answer.exchange.status === 200 ? (0,_imds_js__WEBPACK_IMPORTED_MODULE_1__/* .credentialsOf */ .YN)(answer.body) : undefined;
    return parsed === undefined
        ? { ...failure, exchanges }
        : { ok: true, credentials: parsed.credentials, exchanges, fallback: failure };
}
async function fromContainerEndpoint(endpoint, deadline, now = Date.now) {
    const url = urlOf(endpoint.url);
    if (url === undefined)
        return { ok: false, problem: 'not-a-url', exchanges: [] };
    if (!hostAllowed(url))
        return { ok: false, problem: 'host-refused', exchanges: [] };
    const outcome = await askWithHeader(endpoint, url, deadline, now);
    // Expired credentials are no failure to `fromHttp`: it hands them on, and asks nothing more.
    return outcome.ok ||
        outcome.problem === 'expired' ||
        !fallbackAsks(endpoint, url) ||
        deadline.remaining() <= 0
        ? outcome
        : viaFallback(outcome, endpoint, url, deadline);
}
/** What `fromHttp` gets: the header it would send, then the answer to it. */
async function askWithHeader(endpoint, url, deadline, now) {
    const header = authorizationOf(endpoint);
    if (!header.ok)
        return header;
    const exchanges = [];
    const answer = await ask(url, header.value, deadline, exchanges);
    const { status, outcome } = answer.exchange;
    if (outcome !== 'answered' || status === undefined)
        return { ok: false, problem: outcome === 'timeout' ? 'timeout' : 'unreachable', exchanges };
    if (status !== 200)
        return { ok: false, problem: statusProblem(status), exchanges, status };
    return judgeAnswer(answer.body, exchanges, status, now);
}
/** The endpoint's 200 answer: credentials in the documented JSON, not yet expired. */
function judgeAnswer(body, exchanges, status, now) {
    const parsed = (0,_imds_js__WEBPACK_IMPORTED_MODULE_1__/* .credentialsOf */ .YN)(body);
    if (parsed === undefined)
        return { ok: false, problem: 'bad-answer', exchanges, status };
    const expiresAt = Date.parse(parsed.expiration);
    if (!Number.isNaN(expiresAt) && expiresAt <= now())
        return { ok: false, problem: 'expired', exchanges, status };
    return { ok: true, credentials: parsed.credentials, exchanges };
}
function urlOf(text) {
    try {
        return new URL(text);
    }
    catch {
        return undefined;
    }
}


/***/ }),

/***/ 3732:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   um: () => (/* binding */ runCredentialProcess),
/* harmony export */   vZ: () => (/* binding */ describeRun)
/* harmony export */ });
/* unused harmony export judgeOutput */
/* harmony import */ var _report_markdown_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4285);

/** More than any credential JSON; a process that writes beyond it is cut off there. */
const STDOUT_LIMIT = 64 * 1024;
function killGroup(pid) {
    if (pid === undefined)
        return;
    try {
        // The negative PID names the group: the shell and everything it started.
        process.kill(process.platform === 'win32' ? pid : -pid, 'SIGKILL');
    }
    catch {
        // Already gone.
    }
}
function execute(command, deadline, spawn) {
    const started = Date.now();
    return new Promise(resolve => {
        const chunks = [];
        let stdoutBytes = 0;
        let stderrBytes = 0;
        let timedOut = false;
        let spawnError;
        const child = spawn(command, {
            shell: true,
            detached: true,
            stdio: ['ignore', 'pipe', 'pipe'],
            windowsHide: true
        });
        const timer = setTimeout(() => {
            timedOut = true;
            killGroup(child.pid);
        }, Math.max(1, deadline.remaining()));
        timer.unref();
        // The step may end first (its own timeout, an internal error): the group goes with it.
        const onExit = () => killGroup(child.pid);
        process.on('exit', onExit);
        child.stdout.on('data', (chunk) => {
            stdoutBytes += chunk.length;
            if (stdoutBytes <= STDOUT_LIMIT)
                chunks.push(chunk);
        });
        // Counted, never kept: stderr may hold secrets.
        child.stderr.on('data', (chunk) => {
            stderrBytes += chunk.length;
        });
        child.on('error', (error) => {
            spawnError = error.code ?? 'error';
        });
        child.on('close', (code, signal) => {
            clearTimeout(timer);
            process.off('exit', onExit);
            resolve({
                run: {
                    elapsedMs: Date.now() - started,
                    ...(code === null ? {} : { exitCode: code }),
                    ...(signal === null ? {} : { signal }),
                    stdoutBytes,
                    stderrBytes
                },
                stdout: Buffer.concat(chunks).toString('utf8'),
                timedOut,
                ...(spawnError === undefined ? {} : { spawnError })
            });
        });
    });
}
function stringField(json, name) {
    const value = json[name];
    return typeof value === 'string' && value !== '' ? value : undefined;
}
function bytes(count) {
    return `${count} byte${count === 1 ? '' : 's'}`;
}
/** Says what the process wrote, by size only. */
function describeRun(run) {
    const status = run.exitCode !== undefined
        ? `exit status ${run.exitCode}`
        : run.signal !== undefined
            ? `ended by ${run.signal}`
            : 'no exit status';
    const stderr = run.stderrBytes === 0
        ? 'nothing on stderr'
        : `${bytes(run.stderrBytes)} on stderr (not shown: it may hold secrets)`;
    return `${status} after ${run.elapsedMs} ms, ${bytes(run.stdoutBytes)} on stdout, ${stderr}`;
}
/** Judges the JSON the SDKs expect: `Version` 1, `AccessKeyId`, `SecretAccessKey`, … */
function judgeOutput(stdout, now) {
    if (stdout.trim() === '')
        return { ok: false, problem: 'no-output', detail: 'it printed nothing on stdout' };
    let json;
    try {
        json = JSON.parse(stdout);
    }
    catch {
        return {
            ok: false,
            problem: 'not-json',
            detail: 'what it printed on stdout is not JSON (not shown: it may hold secrets)'
        };
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
        return {
            ok: false,
            problem: 'not-json',
            detail: 'what it printed on stdout is not a JSON object'
        };
    }
    const object = json;
    if (object.Version !== 1) {
        const version = object.Version;
        const shown = version === undefined
            ? 'has no `Version`'
            : typeof version === 'number'
                ? `has ${(0,_report_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .code */ .aY)(`"Version": ${version}`)}`
                : `has a \`Version\` of type ${typeof version}`;
        return {
            ok: false,
            problem: 'wrong-version',
            detail: `its JSON ${shown}; the SDKs accept only \`"Version": 1\``
        };
    }
    const accessKeyId = stringField(object, 'AccessKeyId');
    const secretAccessKey = stringField(object, 'SecretAccessKey');
    const missing = [
        ...(accessKeyId === undefined ? ['AccessKeyId'] : []),
        ...(secretAccessKey === undefined ? ['SecretAccessKey'] : [])
    ];
    if (accessKeyId === undefined || secretAccessKey === undefined) {
        return {
            ok: false,
            problem: 'missing-fields',
            detail: `its JSON has no string ${missing.map(name => (0,_report_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .code */ .aY)(name)).join(' and ')}`
        };
    }
    const sessionToken = stringField(object, 'SessionToken');
    const expiration = object.Expiration;
    if (expiration !== undefined) {
        const at = typeof expiration === 'string' ? Date.parse(expiration) : Number.NaN;
        if (Number.isNaN(at)) {
            return {
                ok: false,
                problem: 'bad-expiration',
                detail: 'its JSON has an `Expiration` that is not an ISO 8601 timestamp'
            };
        }
        if (at <= now) {
            return {
                ok: false,
                problem: 'expired',
                detail: `the credentials it printed expired at ${new Date(at).toISOString()}, ${Math.round((now - at) / 1000)} s before the run`
            };
        }
    }
    return {
        ok: true,
        credentials: {
            accessKeyId,
            secretAccessKey,
            ...(sessionToken === undefined ? {} : { sessionToken })
        }
    };
}
async function runCredentialProcess(command, deadline) {
    // Loaded here, not with the module: few runs have a credential_process, and Node's
    // child_process costs every run several milliseconds at start-up.
    const { spawn } = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 1421, 23));
    const exit = await execute(command, deadline, spawn);
    const { run } = exit;
    if (exit.spawnError !== undefined)
        return {
            ok: false,
            problem: 'spawn-failed',
            detail: `it could not be started (${exit.spawnError})`,
            run
        };
    if (exit.timedOut) {
        return {
            ok: false,
            problem: 'timeout',
            detail: `it did not finish within the time left (${run.elapsedMs} ms); it was killed with every process it started`,
            run
        };
    }
    if (run.exitCode === undefined) {
        return {
            ok: false,
            problem: 'killed',
            detail: `it was ended by ${run.signal ?? 'a signal'}`,
            run
        };
    }
    if (run.exitCode !== 0) {
        return {
            ok: false,
            problem: 'exit-status',
            detail: `it exited with status ${run.exitCode}${run.exitCode === 127 ? ' (the shell found no such command)' : ''}`,
            run
        };
    }
    const judged = judgeOutput(exit.stdout, Date.now());
    return judged.ok ? { ok: true, credentials: judged.credentials, run } : { ...judged, run };
}


/***/ }),

/***/ 6748:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ej: () => (/* binding */ fallThroughOf),
/* harmony export */   Kf: () => (/* binding */ credentialSourceProfile),
/* harmony export */   nS: () => (/* binding */ credentialSourceGap),
/* harmony export */   ye: () => (/* binding */ passedOverRoleProfile)
/* harmony export */ });
/* harmony import */ var _report_markdown_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4285);

/** The `credential_source` value, from discovery's `NAME: meaning` detail. */
function credentialSourceOf(source) {
    return source.details.credentialSource?.split(':')[0]?.trim();
}
function cliWords(name, profile) {
    return `Error when retrieving credentials from ${name}: No credentials found in credential_source referenced in profile ${profile}`;
}
function hasEnvironmentKeys(discovery) {
    return discovery.sources.some(source => source.kind === 'environment' &&
        source.skipped === undefined &&
        source.credentials !== undefined);
}
function gapWords(name, discovery) {
    if (name === 'EcsContainer' && discovery.containerEndpoint === undefined)
        return {
            missing: 'neither `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` nor `AWS_CONTAINER_CREDENTIALS_FULL_URI` is set in this step, so there is no container credentials endpoint to take them from',
            fix: 'Run the step where the container credentials variables are set (an ECS task with a task role, CodeBuild, EKS Pod Identity: a job `container:` on a GitHub runner does not set them), or give the profile credentials it can reach here: `source_profile` naming a profile with keys, or `credential_source = Environment` with the key variables set.'
        };
    if (name === 'Environment' && !hasEnvironmentKeys(discovery))
        return {
            missing: '`AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` are not both set in this step, so there are no keys to assume the role with',
            fix: 'Set `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` (and `AWS_SESSION_TOKEN` for temporary keys) in the job-level `env:`, from secrets, so this step sees them.'
        };
    return undefined;
}
/**
 * The examined role profile, where it assumes its role with a `credential_source`: discovery
 * passes it over (skipped) where that source has nothing to read, as the JS SDK does.
 */
function credentialSourceProfile(discovery) {
    return discovery.sources.find(source => source.partOf === undefined &&
        source.profile === discovery.profile.name &&
        source.details.roleArn !== undefined &&
        source.details.credentialSource !== undefined);
}
/** Why the examined role profile's `credential_source` gave nothing, where discovery can tell. */
function credentialSourceGap(discovery) {
    const selected = credentialSourceProfile(discovery);
    if (selected?.details.roleArn === undefined)
        return undefined;
    const name = credentialSourceOf(selected);
    if (name === undefined)
        return undefined;
    const words = gapWords(name, discovery);
    if (words === undefined)
        return undefined;
    const profile = selected.profile ?? 'default';
    const cli = cliWords(name, profile);
    return {
        title: `Profile "${(0,_report_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeText */ .X1)(profile)}" has no credentials to assume its role with (credential_source = ${(0,_report_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeText */ .X1)(name)})`,
        message: `The ${(0,_report_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .escapeText */ .X1)(selected.label)} assumes ${(0,_report_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .code */ .aY)(selected.details.roleArn)} with ${(0,_report_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .code */ .aY)(`credential_source = ${name}`)}, but ${words.missing}. The JS SDK says "Could not load credentials from any providers"; the AWS CLI stops with ${(0,_report_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .code */ .aY)(cli)}.`,
        remediation: words.fix,
        evidence: [`credential_source ${(0,_report_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .code */ .aY)(name)}: nothing to read on this runner`, (0,_report_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .code */ .aY)(cli)]
    };
}
/** The sources the JS SDK's chain goes on to after its profile provider. */
const LATER_SOURCES = new Set(['container', 'instance-metadata']);
/**
 * Where the JS SDK's profile (missing, or a role profile it cannot assume) is passed over: its
 * profile provider's refusal lets the chain go on to the container endpoint or IMDS, while the
 * AWS CLI stops at the profile (measured in __tests__/differential/role-profiles.test.ts).
 */
function fallThroughOf(discovery) {
    const js = discovery.tools?.jsSdk;
    const cliFailure = discovery.tools?.awsCli.failure;
    const source = js?.source;
    if (js === undefined || source === undefined || cliFailure === undefined)
        return undefined;
    if (!LATER_SOURCES.has(source.kind) || discovery.selected?.kind !== source.kind)
        return undefined;
    // Only a profile that was named: without one the SDK takes the later source by design.
    if (js.profileVariable === undefined || source.profile === js.profile)
        return undefined;
    return {
        profile: js.profile,
        kind: source.kind,
        label: source.label,
        cliFailure,
        profiles: new Set([js.profile, ...js.profilesRead])
    };
}
/** The role profile `profile` as discovery examined it, where it passed it over as the JS SDK does. */
function passedOverRoleProfile(discovery, profile) {
    return discovery.sources.find(source => source.partOf === undefined &&
        source.profile === profile &&
        source.details.roleArn !== undefined &&
        source.skipped !== undefined);
}


/***/ }),

/***/ 9125:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  z8: () => (/* binding */ resolveCredentials)
});

// UNUSED EXPORTS: chainFailure, fromStatic

// EXTERNAL MODULE: ./src/model.ts
var model = __webpack_require__(182);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/aws/credential-process.ts
var credential_process = __webpack_require__(3732);
// EXTERNAL MODULE: ./src/aws/endpoints.ts
var endpoints = __webpack_require__(9843);
// EXTERNAL MODULE: ./src/aws/http.ts
var http = __webpack_require__(5421);
// EXTERNAL MODULE: ./src/aws/container.ts
var container = __webpack_require__(6906);
// EXTERNAL MODULE: ./src/aws/imds.ts
var aws_imds = __webpack_require__(4806);
// EXTERNAL MODULE: ./src/aws/sso-portal.ts
var sso_portal = __webpack_require__(7877);
;// CONCATENATED MODULE: ./src/aws/role-calls.ts

/** The smithy context key under which the auth middleware keeps the identity it signs with. */
const SMITHY_CONTEXT = '__smithy_context';
function role_calls_text(value) {
    return typeof value === 'string' ? value : undefined;
}
function record(value) {
    return typeof value === 'object' && value !== null ? value : {};
}
/** The identity the auth middleware chose for this call, where it has one. */
function signingIdentity(context) {
    const scheme = record(record(context[SMITHY_CONTEXT]).selectedHttpAuthScheme);
    const identity = record(scheme.identity);
    const accessKeyId = role_calls_text(identity.accessKeyId);
    const secretAccessKey = role_calls_text(identity.secretAccessKey);
    if (accessKeyId === undefined || secretAccessKey === undefined)
        return undefined;
    const sessionToken = role_calls_text(identity.sessionToken);
    return { accessKeyId, secretAccessKey, ...(sessionToken === undefined ? {} : { sessionToken }) };
}
function callOf(input, caller) {
    const fields = record(input);
    const roleSessionName = role_calls_text(fields.RoleSessionName);
    const externalId = role_calls_text(fields.ExternalId);
    const duration = fields.DurationSeconds;
    return {
        roleArn: role_calls_text(fields.RoleArn) ?? '',
        ...(roleSessionName === undefined ? {} : { roleSessionName }),
        ...(externalId === undefined ? {} : { externalId }),
        ...(typeof duration === 'number' ? { durationSeconds: duration } : {}),
        ...(caller === undefined ? {} : { caller })
    };
}
/** STS's code and message as the SDK gives them: the wire code in `Code` for modelled errors. */
function refusalOf(error) {
    const code = (0,errors/* errorCode */.CA)(error, 'Code') ?? (0,errors/* errorCode */.CA)(error, 'name') ?? 'Error';
    return { code, message: (0,errors/* errorProperty */.cB)(error, 'message') ?? '' };
}
/** A plugin that appends every AssumeRole call of the chain, with its outcome, to `calls`. */
function assumeRoleRecorder(calls) {
    return {
        applyToStack(stack) {
            stack.add((next, context) => async (args) => {
                if (context.commandName !== 'AssumeRoleCommand')
                    return next(args);
                const call = callOf(args.input, signingIdentity(record(context)));
                try {
                    const output = await next(args);
                    calls.push(call);
                    return output;
                }
                catch (error) {
                    calls.push({ ...call, refusal: refusalOf(error) });
                    throw error;
                }
            }, 
            // After serialisation the auth middleware has chosen the identity to sign with.
            { step: 'build', name: 'awsCredentialsDoctorAssumeRoleRecorder' });
        }
    };
}

// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(4285);
;// CONCATENATED MODULE: ./src/aws/credentials.ts
/**
 * The credentials to validate: the static keys discovery found in the source that wins, or,
 * where that source is not static keys (a profile that assumes a role, SSO, a process,
 * a container or instance role), whatever the AWS SDK's own chain resolves.
 */










/** Values Node refuses to put in a header (and the AWS CLI too): sending them proves nothing. */
function unsendable(value) {
    return value !== undefined && /[^\x20-\x7e]/u.test(value);
}
/** A value as it was set, where it was set to something. */
function rawOf(value) {
    const raw = value?.raw;
    return raw === '' ? undefined : raw;
}
function fromStatic(credentials) {
    const accessKeyId = rawOf(credentials?.accessKeyId);
    const secretAccessKey = rawOf(credentials?.secretAccessKey);
    if (accessKeyId === undefined || secretAccessKey === undefined)
        return undefined;
    const sessionToken = rawOf(credentials?.sessionToken);
    if (unsendable(accessKeyId) || unsendable(sessionToken)) {
        return {
            ok: false,
            reason: 'unsendable',
            detail: 'the key ID or session token holds characters that cannot be sent in an HTTP header'
        };
    }
    return {
        ok: true,
        via: 'discovery',
        credentials: {
            accessKeyId,
            secretAccessKey,
            ...(sessionToken === undefined ? {} : { sessionToken })
        }
    };
}
/** Asks the SDK's default chain, loaded only when needed, bounded by the deadline. */
async function fromSdkChain(discovery, profile, deadline) {
    const { defaultProvider } = await __webpack_require__.e(/* import() */ 949).then(__webpack_require__.bind(__webpack_require__, 9949));
    const remaining = deadline.remaining();
    // The chain's own STS calls (a profile's AssumeRole, a token file's exchange) get the same
    // timeouts and proxy as ours; left alone they have neither.
    const sts = (0,endpoints/* stsRoute */.G)(discovery.network, discovery.region.value);
    // What the chain sends for a role profile and what STS answers: the facts a refusal is
    // explained by (role-refusal.ts).
    const calls = [];
    // The one place the action cannot keep to what discovery resolved: the SDK's provider chain
    // reads `process.env` itself (AWS_PROFILE, the key variables, AWS_WEB_IDENTITY_TOKEN_FILE,
    // the container and IMDS variables, the file paths) and the files they name. Discovery has
    // read the same variables the same way, so the report describes what this call does.
    const provider = defaultProvider({
        ...(profile === undefined ? {} : { profile }),
        clientConfig: { requestHandler: (0,http/* httpHandler */.bu)(deadline, sts.proxy) },
        clientPlugins: [assumeRoleRecorder(calls)],
        timeout: Math.min(1000, remaining),
        maxRetries: 0,
        // The chain prints its own warnings (e.g. "Multiple credential sources detected") with
        // console.warn; the report already says the same, with the sources named.
        logger: QUIET_LOGGER
    });
    try {
        const identity = await deadline.race(provider(), 'Resolving credentials');
        return {
            ok: true,
            via: 'sdk-chain',
            credentials: {
                accessKeyId: identity.accessKeyId,
                secretAccessKey: identity.secretAccessKey,
                ...(identity.sessionToken === undefined ? {} : { sessionToken: identity.sessionToken })
            }
        };
    }
    catch (error) {
        const failure = chainFailure(error);
        return calls.length === 0 ? failure : { ...failure, assumeRoles: calls };
    }
}
/** The chain gave up: no provider had credentials, or one (the SSO portal) refused them. */
function providerFailure(error) {
    const detail = (0,errors/* errorProperty */.cB)(error, 'message') ?? 'Could not load credentials from any providers';
    // The SSO provider keeps only `NAME: MESSAGE` of the portal's answer (see sso-portal.ts).
    const portal = (0,sso_portal/* portalRefusal */.lk)(detail);
    return portal === undefined
        ? { ok: false, reason: 'none', detail }
        : { ok: false, reason: 'provider-failed', detail, portal };
}
/** What an error thrown by the SDK's credential chain means for the check. */
function chainFailure(error) {
    const name = (0,errors/* errorCode */.CA)(error, 'name');
    if (name === 'TimeoutError')
        return { ok: false, reason: 'timeout', detail: 'the credential chain did not finish in time' };
    if (name === 'CredentialsProviderError')
        return providerFailure(error);
    // A service's answer carries `$fault`; for modelled errors (RegionDisabledException…) the
    // wire code is in `Code`, for the others it is the name.
    const fault = (0,errors/* errorProperty */.cB)(error, '$fault');
    const code = (0,errors/* errorCode */.CA)(error, 'Code') ?? name;
    return {
        ok: false,
        reason: 'chain-error',
        detail: `${name ?? 'Error'}: ${(0,errors/* errorProperty */.cB)(error, 'message') ?? ''}`,
        ...((fault === 'client' || fault === 'server') && code !== undefined ? { awsCode: code } : {})
    };
}
/**
 * A file the SDK would read that would keep the step from ever ending. The SDK reads
 * a web identity token file synchronously (a FIFO blocks the process, /dev/zero never ends),
 * and any open of a FIFO ties up a thread that `process.exit` then waits for. Discovery reads
 * these files safely; a token file it could not read, or a shared file that is neither a file
 * nor a directory, is not handed to the SDK.
 */
function unsafeSharedFile(discovery) {
    const shared = discovery.shared?.files.find(file => file.state === 'not-a-file' && file.detail !== 'a directory');
    return shared === undefined
        ? undefined
        : `${shared.display} is not a regular file (${shared.detail ?? 'a special file'})`;
}
/** What only the chain reads: the web identity token file and the SSO token cache. */
function unsafeChainFile(discovery) {
    const token = discovery.sources.find(source => source.tokenFile?.state === 'unreadable');
    if (token?.tokenFile !== undefined)
        return `the web identity token file ${token.tokenFile.path} cannot be read (${token.tokenFile.detail ?? 'unknown error'})`;
    const cached = discovery.ssoCacheSpecialFile;
    return cached === undefined
        ? undefined
        : `the SSO token cache holds ${cached}, which is not a regular file`;
}
/**
 * A role profile whose `credential_source` is `Ec2InstanceMetadata` makes the SDK ask IMDS
 * directly (without even honouring `AWS_EC2_METADATA_DISABLED`). GitHub-hosted runners have no
 * EC2 instance role and IMDS is never asked there: the chain is not run.
 */
function hostedInstanceMetadata(discovery) {
    if (discovery.github.runnerEnvironment !== 'github-hosted')
        return undefined;
    const source = (0,model/* sourcesInUse */.XT)(discovery).find(candidate => candidate.details.credentialSource?.startsWith('Ec2InstanceMetadata') === true);
    return source === undefined
        ? undefined
        : `the ${(0,markdown/* escapeText */.X1)(source.label)} takes its credentials from the EC2 instance metadata service (\`credential_source = Ec2InstanceMetadata\`), which is not asked on GitHub-hosted runners: they have no EC2 instance role`;
}
/** Swallows the SDK's log lines; a class of its own, since the SDK ignores a `NoOpLogger`. */
class QuietLogger {
    debug() { }
    info() { }
    warn() { }
    error() { }
}
const QUIET_LOGGER = new QuietLogger();
/**
 * One resolution per run: the STS check and the OIDC doctor both need the job's credentials,
 * and running the chain twice would run a `credential_process` twice, or assume a profile's
 * role twice.
 */
const resolutions = new WeakMap();
function resolveCredentials(discovery, profile, deadline) {
    const byProfile = resolutions.get(discovery) ?? new Map();
    resolutions.set(discovery, byProfile);
    const key = profile ?? '';
    const known = byProfile.get(key);
    if (known !== undefined)
        return known;
    const resolution = resolveOnce(discovery, profile, deadline);
    byProfile.set(key, resolution);
    return resolution;
}
async function resolveOnce(discovery, profile, deadline) {
    // Every SDK client reads the shared files, static keys or not: nothing is created while one
    // of them would block the open.
    const unsafe = unsafeSharedFile(discovery);
    if (unsafe !== undefined)
        return { ok: false, reason: 'chain-error', detail: unsafe };
    const selected = discovery.selected;
    if (selected?.credentials !== undefined)
        return (fromStatic(selected.credentials) ?? {
            ok: false,
            reason: 'none',
            detail: 'the selected source holds no usable key pair'
        });
    const unsafeForChain = unsafeChainFile(discovery);
    if (unsafeForChain !== undefined)
        return { ok: false, reason: 'chain-error', detail: unsafeForChain };
    // Nothing is configured: the SDK's chain would end at IMDS, which discovery has ruled out
    // (disabled by variable, or a GitHub-hosted runner, where it must never be asked).
    if (selected === undefined)
        return {
            ok: false,
            reason: 'none',
            detail: 'no credential source is configured, so the credential chain was not run'
        };
    const hostedImds = hostedInstanceMetadata(discovery);
    if (hostedImds !== undefined)
        return { ok: false, reason: 'none', detail: hostedImds };
    return ((await fromOwnProvider(discovery, selected, profile, deadline)) ??
        fromSdkChain(discovery, profile, deadline));
}
/**
 * The sources this action resolves itself rather than through the SDK's chain: the container
 * endpoint, the instance metadata service and a `credential_process` (see fromContainer,
 * fromImds and fromProcess for why).
 */
async function fromOwnProvider(discovery, selected, profile, deadline) {
    if (selected.kind === 'container' && discovery.containerEndpoint !== undefined)
        return fromContainer(discovery.containerEndpoint, deadline);
    const imds = discovery.instanceMetadata;
    if (selected.kind === 'instance-metadata' && imds.considered)
        return fromImds(imds.endpoint ?? aws_imds/* IMDS_DEFAULT_ENDPOINT */.qU, imds.v1Disabled === true, deadline);
    if (selected.kind !== 'process' || selected.details.roleArn !== undefined)
        return undefined;
    const command = await processCommand(selected.profile ?? profile ?? 'default');
    return command === undefined ? undefined : fromProcess(command, deadline);
}
/**
 * The `credential_process` line of the profile, read the way the SDK's own process provider
 * reads it (the same files, the same variables naming them).
 */
async function processCommand(profile) {
    const { parseKnownFiles } = await __webpack_require__.e(/* import() */ 257).then(__webpack_require__.bind(__webpack_require__, 257));
    try {
        const profiles = await parseKnownFiles({ profile });
        const command = profiles[profile]?.credential_process;
        return typeof command === 'string' && command.trim() !== '' ? command : undefined;
    }
    catch {
        return undefined;
    }
}
/**
 * Runs the process ourselves rather than through the SDK's provider: the same command, the same
 * shell, the same JSON rules, but with its own outcome kept and its process group ended at the
 * deadline (the SDK's provider neither bounds nor kills it).
 */
async function fromProcess(command, deadline) {
    const outcome = await (0,credential_process/* runCredentialProcess */.um)(command, deadline);
    if (outcome.ok)
        return { ok: true, via: 'sdk-chain', credentials: outcome.credentials, process: outcome };
    return {
        ok: false,
        reason: 'process-failed',
        detail: `the credential_process failed: ${outcome.detail}`,
        process: outcome
    };
}
/**
 * Asks IMDS ourselves rather than through the SDK's provider: the same requests, fallbacks and
 * timeouts (src/aws/imds.ts), with each answer kept for the report.
 */
async function fromImds(endpoint, v1Disabled, deadline) {
    const outcome = await (0,aws_imds/* fromInstanceMetadata */.DS)({ endpoint, v1Disabled }, deadline);
    if (outcome.ok)
        return {
            ok: true,
            via: 'sdk-chain',
            credentials: outcome.credentials,
            imds: { endpoint, outcome }
        };
    return {
        ok: false,
        reason: 'provider-failed',
        detail: `the instance metadata service gave no credentials (${outcome.problem})`,
        imds: { endpoint, outcome }
    };
}
/**
 * Asks the container endpoint ourselves rather than through the SDK's provider: the same URL,
 * header and host rules (src/aws/container.ts), with its answer kept for the report.
 */
async function fromContainer(endpoint, deadline) {
    const outcome = await (0,container/* fromContainerEndpoint */.zB)(endpoint, deadline);
    if (outcome.ok)
        return { ok: true, via: 'sdk-chain', credentials: outcome.credentials, container: outcome };
    return {
        ok: false,
        reason: 'provider-failed',
        detail: `the container credentials endpoint gave no credentials (${outcome.problem})`,
        container: outcome
    };
}


/***/ }),

/***/ 7969:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   B: () => (/* binding */ Deadline),
/* harmony export */   y: () => (/* binding */ sleep)
/* harmony export */ });
/**
 * One time budget for all network work of a run (`timeout-seconds`). Every request is bounded
 * by what is left of it, so the step ends on time whatever the network does.
 */
class Deadline {
    now;
    endsAt;
    constructor(milliseconds, now = Date.now) {
        this.now = now;
        this.endsAt = now() + milliseconds;
    }
    remaining() {
        return Math.max(0, this.endsAt - this.now());
    }
    expired() {
        return this.remaining() === 0;
    }
    /**
     * A budget inside this one: at most `milliseconds`, never beyond this deadline. Used for
     * diagnostic probes, which must not eat the time the main checks need.
     */
    within(milliseconds) {
        return new Deadline(Math.min(milliseconds, this.remaining()), this.now);
    }
    /**
     * Settles with the promise, or rejects with a `TimeoutError` when the budget runs out first.
     * The losing promise is left to the abort signal given to it.
     */
    async race(promise, what) {
        const remaining = this.remaining();
        let timer;
        const timeout = new Promise((_, reject) => {
            timer = setTimeout(() => {
                const error = new Error(`${what} did not finish within the time left (${remaining} ms)`);
                error.name = 'TimeoutError';
                reject(error);
            }, remaining);
            timer.unref();
        });
        try {
            return await Promise.race([promise, timeout]);
        }
        finally {
            clearTimeout(timer);
        }
    }
    signal() {
        return AbortSignal.timeout(Math.max(1, this.remaining()));
    }
}
function sleep(milliseconds) {
    return new Promise(resolve => setTimeout(resolve, milliseconds));
}


/***/ }),

/***/ 5089:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $Q: () => (/* binding */ endpointProblem),
/* harmony export */   nf: () => (/* binding */ overrideUnreachable),
/* harmony export */   rG: () => (/* binding */ malformedEndpoint),
/* harmony export */   yc: () => (/* binding */ isNothingThere)
/* harmony export */ });
/* harmony import */ var _findings_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1001);
/* harmony import */ var _report_markdown_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4285);
/* harmony import */ var _report_words_endpoint_override_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1004);
/**
 * An endpoint override (`AWS_ENDPOINT_URL_STS`, `AWS_ENDPOINT_URL`, a config file's
 * `endpoint_url`) that sends the requests where nothing answers: often left over from an
 * earlier step that ran a local emulator, or from a private network the job no longer runs in.
 * What the tools do was measured with `@aws-sdk/client-sts` 3.1177.0 and aws-cli 1.45.11
 * (botocore 1.43.11) against loopback:
 *
 * - `not-a-url`, `127.0.0.1:9`: the JS SDK throws `TypeError: Invalid URL` (`ERR_INVALID_URL`)
 *   when the request is sent, the AWS CLI stops with `Invalid endpoint: not-a-url`;
 * - `localhost:4566` (a scheme `localhost:` and no host): the JS SDK sends the request wherever
 *   it makes an address of it, the AWS CLI stops with `Invalid endpoint: localhost:4566`;
 * - `ftp://127.0.0.1:9`: the JS SDK speaks HTTP to that port anyway, the AWS CLI stops with
 *   `An HTTP Client raised an unhandled exception: Not supported URL scheme ftp`;
 * - a closed port: `ECONNREFUSED` for the SDK, `Could not connect to the endpoint URL:
 *   "http://127.0.0.1:9/"` for the CLI; `http://nonexistent.invalid`: `ENOTFOUND` (in 0.2 s
 *   here), and the same CLI message.
 *
 * `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` makes both ignore every override.
 */



/** Why the tools refuse the URL before sending anything, or undefined for an http(s) URL. */
function endpointProblem(url) {
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        return { kind: 'not-a-url' };
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
        return { kind: 'scheme', scheme: parsed.protocol.slice(0, -1), hasHost: parsed.host !== '' };
    return undefined;
}
/** Why the tools refuse the URL before sending anything, in words, or undefined for an http(s) URL. */
function malformedEndpoint(url) {
    const problem = endpointProblem(url);
    return problem === undefined ? undefined : (0,_report_words_endpoint_override_js__WEBPACK_IMPORTED_MODULE_2__/* .endpointProblemWords */ ._i)(problem);
}
/** What stood in the way, in words: the two ways of there being nothing at the address. */
function whatAnswered(failure) {
    if (failure.code === 'ECONNREFUSED')
        return 'the connection was refused: nothing listens there';
    return 'its host name does not resolve (DNS)';
}
function seconds(ms) {
    return ms < 1000 ? `${Math.max(1, Math.round(ms))} ms` : `${(ms / 1000).toFixed(1)} s`;
}
/** Nothing at all at the address (no such host, nothing listening), not a proxy's refusal. */
function isNothingThere(failure) {
    return (failure.kind === 'network' &&
        failure.proxyStage === undefined &&
        ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'].includes(failure.code));
}
/** The consequence, per service: every STS call of the job fails; IAM only stops the look-ups. */
function consequence(service) {
    return service === 'STS'
        ? 'Every AWS tool in this job that reads the override (the AWS SDKs and the AWS CLI) fails the same way.'
        : "Every IAM call of this job that reads the override (the AWS SDKs' and the AWS CLI's) fails the same way, so this step's IAM look-ups were not made. The credentials and STS are not affected: this does not fail the step.";
}
/**
 * STS (or IAM) could not be reached because the override sends the request where nothing
 * answers. For IAM it is a notice: IAM is optional for the job, and a gate never fails on it.
 */
function overrideUnreachable(failure, context) {
    const { override, where } = context;
    const service = context.service ?? 'STS';
    const took = context.elapsedMs === undefined ? '' : `, after ${seconds(context.elapsedMs)}`;
    const attempts = `${failure.attempts} attempt${failure.attempts === 1 ? '' : 's'}`;
    return (0,_findings_js__WEBPACK_IMPORTED_MODULE_0__/* .finding */ .gk)('endpoint-override-unreachable', {
        ...(service === 'IAM' ? { severity: 'notice' } : {}),
        title: `${(0,_report_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(override.variable)} sends ${service} requests to ${(0,_report_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(override.url)}, where nothing answers`,
        message: `${service} was not called at its own endpoint: ${where} sets the endpoint to ${(0,_report_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(override.url)}, and there ${whatAnswered(failure)} (${(0,_report_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(failure.code)}, ${attempts}${took}). ${consequence(service)}`,
        remediation: (0,_report_words_endpoint_override_js__WEBPACK_IMPORTED_MODULE_2__/* .overrideRemediation */ .qh)(override, where),
        evidence: [`${where}: ${override.url}`, `error ${failure.code}, ${attempts}${took}`],
        ...(context.source === undefined ? {} : { source: context.source }),
        origin: override.origin
    });
}


/***/ }),

/***/ 9843:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   G: () => (/* binding */ stsRoute),
/* harmony export */   Mv: () => (/* binding */ plainRoute),
/* harmony export */   VD: () => (/* binding */ iamRoute)
/* harmony export */ });
/* harmony import */ var _proxy_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1373);
/* harmony import */ var _regions_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(736);


function route(url, network, override) {
    const proxy = (0,_proxy_js__WEBPACK_IMPORTED_MODULE_0__/* .proxyFor */ .iJ)(url, network.proxy);
    return {
        url,
        ...(override === undefined ? {} : { override }),
        ...(proxy === undefined ? {} : { proxy })
    };
}
/** STS for a region: the override, else the region's own endpoint. */
function stsRoute(network, region) {
    const override = network.endpoints.sts;
    return route(override?.url ?? (0,_regions_js__WEBPACK_IMPORTED_MODULE_1__/* .regionalStsEndpoint */ .fF)(region), network, override);
}
/** IAM for a partition: the override, else the partition's one IAM endpoint. */
function iamRoute(network, partition) {
    const override = network.endpoints.iam;
    return route(override?.url ?? (0,_regions_js__WEBPACK_IMPORTED_MODULE_1__/* .globalIamEndpoint */ .sG)(partition), network, override);
}
/** Any other URL (the OIDC token request): only the proxy applies. */
function plainRoute(network, url) {
    return route(url, network);
}


/***/ }),

/***/ 5421:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $8: () => (/* binding */ FIXED_CLIENT_SETTINGS),
/* harmony export */   Dy: () => (/* binding */ clockSkewMs),
/* harmony export */   bu: () => (/* binding */ httpHandler),
/* harmony export */   gt: () => (/* binding */ recordResponses)
/* harmony export */ });
/* harmony import */ var _aws_sdk_core_client__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5477);
/* harmony import */ var _smithy_node_http_handler__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1668);
/* harmony import */ var _proxy_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1373);
/**
 * The HTTP layer shared by every AWS client: real timeouts (the SDK has none by default) and a
 * record of the server's `Date` header, because the SDK silently corrects clock skew and we
 * must see it to report it.
 */



// Under Node 20 (tests, `npm start`), every SDK client would print a seven-line
// NodeVersionSupportWarning: SDK releases after January 2027 need Node 22. The action runs on
// node24 and pins its SDK, so it tells the user of this step nothing. Marking it as already
// shown is the SDK's own switch (AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED sets the same
// flag) and silences that one warning only; every client the action makes passes through here.
_aws_sdk_core_client__WEBPACK_IMPORTED_MODULE_1__/* .state */ .w.warningEmitted = true;
/**
 * Client settings the SDK would otherwise read from the environment and the config file, fixed
 * for every client the action makes: its requests must not depend on the job's configuration.
 * An invalid `AWS_DEFAULTS_MODE` rejects a promise inside the client, and each request would
 * fail as an unreadable answer; `config-variable-invalid` reports the value instead.
 */
const FIXED_CLIENT_SETTINGS = { defaultsMode: 'legacy' };
/** An HTTP handler bounded by the deadline, going through `proxy` when one applies. */
function httpHandler(deadline, proxy) {
    const remaining = Math.max(1, deadline.remaining());
    return new _smithy_node_http_handler__WEBPACK_IMPORTED_MODULE_2__/* .NodeHttpHandler */ .$({
        connectionTimeout: remaining,
        requestTimeout: remaining,
        // Without this the SDK only logs a warning on a request timeout and keeps waiting.
        throwOnRequestTimeout: true,
        ...(proxy === undefined ? {} : (0,_proxy_js__WEBPACK_IMPORTED_MODULE_0__/* .proxyAgents */ .Hd)(proxy))
    });
}
function headerValue(output, name) {
    if (typeof output !== 'object' || output === null)
        return undefined;
    const response = output.response;
    if (typeof response !== 'object' || response === null)
        return undefined;
    const headers = response.headers;
    if (typeof headers !== 'object' || headers === null)
        return undefined;
    const value = headers[name];
    return typeof value === 'string' ? value : undefined;
}
function statusOf(output) {
    const response = output?.response;
    return typeof response?.statusCode === 'number' ? response.statusCode : undefined;
}
/**
 * Adds a middleware just above the HTTP handler (below the deserializer), where the raw
 * response is still visible, to note its `Date` header on success and on error alike.
 * `currentRecord` names the record of the attempt under way.
 */
function recordResponses(client, currentRecord) {
    ;
    client.middlewareStack.add(next => async (args) => {
        const output = await next(args);
        const record = currentRecord();
        const date = headerValue(output, 'date');
        const parsed = date === undefined ? undefined : new Date(date);
        if (parsed !== undefined && !Number.isNaN(parsed.getTime())) {
            record.serverDate = parsed;
            record.localDate = new Date();
        }
        const status = statusOf(output);
        if (status !== undefined)
            record.statusCode = status;
        return output;
    }, { step: 'deserialize', priority: 'low', name: 'recordResponseDate' });
}
/** Runner clock minus server clock, in milliseconds; undefined without a `Date` header. */
function clockSkewMs(record) {
    if (record.serverDate === undefined || record.localDate === undefined)
        return undefined;
    // The Date header has one-second resolution: anything within it is no skew.
    const skew = record.localDate.getTime() - record.serverDate.getTime();
    return Math.abs(skew) < 1000 ? 0 : skew;
}


/***/ }),

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

/***/ 1084:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EW: () => (/* binding */ iamCall),
/* harmony export */   GZ: () => (/* binding */ isDenied),
/* harmony export */   LV: () => (/* binding */ iamClient),
/* harmony export */   Ob: () => (/* binding */ loadIam),
/* harmony export */   l1: () => (/* binding */ inspectIamFacts)
/* harmony export */ });
/* unused harmony exports UNUSED_DAYS, lookUpKey */
/* harmony import */ var _http_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5421);
/* harmony import */ var _regions_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(736);
/* harmony import */ var _sts_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8665);



const DAY_MS = 24 * 60 * 60 * 1000;
/** A key IAM has not seen used for this long is probably a forgotten one kept as a secret. */
const UNUSED_DAYS = 90;
/** Loads the IAM client on first use only. */
async function loadIam() {
    return Promise.all(/* import() */[__webpack_require__.e(631), __webpack_require__.e(453)]).then(__webpack_require__.bind(__webpack_require__, 9453));
}
function iamClient(module, connection, deadline) {
    // IAM is global: requests are signed for the home region of the identity's partition.
    const partition = (0,_regions_js__WEBPACK_IMPORTED_MODULE_1__/* .partitionOfArn */ .Fh)(connection.identity.arn) ?? 'aws';
    return new module.IAMClient({
        region: _regions_js__WEBPACK_IMPORTED_MODULE_1__/* .HOME_REGION */ .$c[partition],
        ...(connection.endpoint === undefined ? {} : { endpoint: connection.endpoint }),
        // The endpoint is the one discovery resolved: the client must not look for another itself.
        ignoreConfiguredEndpointUrls: true,
        credentials: connection.credentials,
        ...(connection.clockOffsetMs === undefined
            ? {}
            : { systemClockOffset: connection.clockOffsetMs }),
        maxAttempts: 1,
        ..._http_js__WEBPACK_IMPORTED_MODULE_0__/* .FIXED_CLIENT_SETTINGS */ .$8,
        requestHandler: (0,_http_js__WEBPACK_IMPORTED_MODULE_0__/* .httpHandler */ .bu)(deadline, connection.proxy)
    });
}
/** One IAM call with our retries (throttling, 5xx), bounded by the deadline. */
async function iamCall(deadline, send) {
    const result = await (0,_sts_js__WEBPACK_IMPORTED_MODULE_2__/* .withRetries */ .LH)(deadline, async () => send(deadline.signal()));
    return result.ok ? { ok: true, value: result.value } : { ok: false, failure: result.failure };
}
function isDenied(failure) {
    return failure.code === 'AccessDenied' || failure.code === 'AccessDeniedException';
}
function ageInDays(created, now) {
    return Math.max(0, Math.floor((now - created.getTime()) / DAY_MS));
}
function judgeKeys(keys, settings) {
    const ours = keys.find(key => key.AccessKeyId === settings.accessKeyId);
    const active = keys
        .filter(key => key.Status === 'Active')
        .map(key => key.AccessKeyId === settings.accessKeyId);
    if (ours === undefined)
        return { total: keys.length, active };
    const created = ours.CreateDate;
    const age = created === undefined ? undefined : ageInDays(created, settings.now);
    return {
        total: keys.length,
        active,
        ours: {
            ...(ours.Status === undefined ? {} : { status: ours.Status }),
            ...(created === undefined ? {} : { created }),
            ...(age === undefined ? {} : { age }),
            inactive: ours.Status !== undefined && ours.Status !== 'Active',
            tooOld: age !== undefined && age > settings.maxKeyAgeDays && created !== undefined
        }
    };
}
function judgeLastUse(lastUsed, settings) {
    const date = lastUsed?.LastUsedDate;
    const where = {
        ...(lastUsed?.ServiceName === undefined ? {} : { service: lastUsed.ServiceName }),
        ...(lastUsed?.Region === undefined ? {} : { region: lastUsed.Region })
    };
    if (date === undefined)
        return { ...where, verdict: 'never' };
    const days = ageInDays(date, settings.now);
    return { ...where, date, days, verdict: days > UNUSED_DAYS ? 'stale' : 'recent' };
}
/**
 * The look-ups for an IAM user or the root user whose long-term key is in use. Other
 * principals are the caller's business (see `inspectIamFacts`).
 */
async function lookUpKey(connection, settings, deadline) {
    const module = await loadIam();
    const client = iamClient(module, connection, deadline);
    try {
        const [user, keys, lastUsed] = await Promise.all([
            iamCall(deadline, signal => client.send(new module.GetUserCommand({}), { abortSignal: signal })),
            iamCall(deadline, signal => client.send(new module.ListAccessKeysCommand({}), { abortSignal: signal })),
            iamCall(deadline, signal => client.send(new module.GetAccessKeyLastUsedCommand({ AccessKeyId: settings.accessKeyId }), {
                abortSignal: signal
            }))
        ]);
        const name = user.ok ? user.value.User?.UserName : undefined;
        const created = user.ok ? user.value.User?.CreateDate : undefined;
        return {
            kind: 'looked-up',
            settings,
            root: connection.identity.principalType === 'root',
            arnName: connection.identity.arn.split('/').pop() ?? '',
            user: user.ok
                ? {
                    ok: true,
                    value: {
                        ...(name === undefined ? {} : { name }),
                        ...(created === undefined ? {} : { created })
                    }
                }
                : user,
            keys: keys.ok
                ? { ok: true, value: judgeKeys(keys.value.AccessKeyMetadata ?? [], settings) }
                : keys,
            lastUsed: lastUsed.ok
                ? { ok: true, value: judgeLastUse(lastUsed.value.AccessKeyLastUsed, settings) }
                : lastUsed
        };
    }
    finally {
        client.destroy();
    }
}
/**
 * IAM look-ups where they make sense: a long-term key of an IAM user or of the root user.
 * Role sessions and federated users have no IAM user or access key to look up.
 */
async function inspectIamFacts(connection, settings, deadline) {
    const type = connection.identity.principalType;
    if (type !== 'iam-user' && type !== 'root')
        return { kind: 'not-applicable', principal: type };
    if (!settings.accessKeyId.startsWith('AKIA'))
        return { kind: 'temporary-key' };
    return lookUpKey(connection, settings, deadline);
}


/***/ }),

/***/ 4806:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DS: () => (/* binding */ fromInstanceMetadata),
/* harmony export */   Nu: () => (/* binding */ describeExchange),
/* harmony export */   YN: () => (/* binding */ credentialsOf),
/* harmony export */   fq: () => (/* binding */ IMDS_TIMEOUT_MS),
/* harmony export */   qU: () => (/* binding */ IMDS_DEFAULT_ENDPOINT),
/* harmony export */   tN: () => (/* binding */ send)
/* harmony export */ });
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4708);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_https__WEBPACK_IMPORTED_MODULE_1__);
/**
 * Asks the EC2 instance metadata service for the instance role's credentials the way the JS
 * SDK's `fromInstanceMetadata` does (@smithy/credential-provider-imds 4.5.2, read in
 * node_modules), and keeps each answer: the IMDSv2 token `PUT /latest/api/token` (TTL header
 * 21600), then `GET /latest/meta-data/iam/security-credentials/` for the role name and the
 * same path plus the name for the credentials, each request bounded by the SDK's 1 s timeout
 * (and by what is left of `timeout-seconds`). As in the SDK: a token request that times out
 * or is answered 403, 404 or 405 falls back to IMDSv1 (no token header) unless
 * `AWS_EC2_METADATA_V1_DISABLED` blocks that; a 400 stops. No proxy is used, as in the SDK.
 *
 * Measured with the SDK's whole chain (`defaultProvider`, credential-provider-node 3.972.99)
 * against __tests__/fakes/imds.ts: IMDSv2 answers in ~40 ms; a dropped token `PUT` with
 * IMDSv2 required fails with "Could not load credentials from any providers" after ~1,000 ms;
 * with IMDSv1 allowed it succeeds after the same ~1,000 ms; a 405 on the `PUT` succeeds at
 * once over IMDSv1; a 404 role list fails at once. __tests__/aws/imds.test.ts compares each
 * case with the SDK's `fromInstanceMetadata`.
 *
 * The SDK collapses every failure into "Could not load credentials from any providers"; the
 * report names the cause instead. Credentials are returned, never put into the outcome's text.
 */


/** The SDK's default per-request timeout for IMDS (`DEFAULT_TIMEOUT`). */
const IMDS_TIMEOUT_MS = 1000;
const IMDS_DEFAULT_ENDPOINT = 'http://169.254.169.254';
const TOKEN_PATH = '/latest/api/token';
const ROLE_PATH = '/latest/meta-data/iam/security-credentials/';
/**
 * One request bounded by `timeoutMs` and by the deadline, whatever the network does. Shared
 * with the container endpoint probe (src/aws/container.ts), which asks over `https:` too.
 */
function send(endpoint, method, path, headers, deadline, options = {}) {
    const started = Date.now();
    const asked = options.asked ?? `${method} ${path}`;
    const request = endpoint.protocol === 'https:' ? node_https__WEBPACK_IMPORTED_MODULE_1__.request : node_http__WEBPACK_IMPORTED_MODULE_0__.request;
    return new Promise(resolve => {
        let settled = false;
        const done = (exchange, body = '') => {
            if (settled)
                return;
            settled = true;
            resolve({ exchange: { asked, ...exchange, elapsedMs: Date.now() - started }, body });
        };
        const timeout = Math.max(1, Math.min(options.timeoutMs ?? IMDS_TIMEOUT_MS, deadline.remaining()));
        const req = request({
            protocol: endpoint.protocol,
            hostname: endpoint.hostname.replace(/^\[(.+)\]$/u, '$1'),
            ...(endpoint.port === '' ? {} : { port: Number(endpoint.port) }),
            method,
            path,
            headers,
            timeout
        });
        // A socket idle timeout, as the SDK sets it, plus a hard bound on the whole exchange.
        const timer = setTimeout(() => {
            done({ outcome: 'timeout' });
            req.destroy();
        }, timeout);
        timer.unref();
        req.on('timeout', () => {
            done({ outcome: 'timeout' });
            req.destroy();
        });
        req.on('error', () => done({ outcome: 'unreachable' }));
        req.on('response', response => {
            const chunks = [];
            response.on('data', (chunk) => chunks.push(chunk));
            response.on('end', () => {
                clearTimeout(timer);
                done({ outcome: 'answered', status: response.statusCode ?? 400 }, Buffer.concat(chunks).toString('utf8'));
            });
        });
        req.end();
    });
}
function ok(answer) {
    const status = answer.exchange.status;
    return status !== undefined && status >= 200 && status < 300;
}
/**
 * The SDK's `isImdsCredentials` (and credential-provider-http's own check): four strings.
 * Shared with the container endpoint probe, which reads the same JSON.
 */
function credentialsOf(body) {
    let json;
    try {
        json = JSON.parse(body);
    }
    catch {
        return undefined;
    }
    if (typeof json !== 'object' || json === null)
        return undefined;
    const fields = json;
    const { AccessKeyId, SecretAccessKey, Token, Expiration } = fields;
    if (typeof AccessKeyId !== 'string' ||
        typeof SecretAccessKey !== 'string' ||
        typeof Token !== 'string' ||
        typeof Expiration !== 'string')
        return undefined;
    return {
        credentials: {
            accessKeyId: AccessKeyId,
            secretAccessKey: SecretAccessKey,
            sessionToken: Token
        },
        expiration: Expiration
    };
}
function judgeToken(answer, v1Disabled) {
    const { status, outcome } = answer.exchange;
    if (ok(answer))
        return { kind: 'token', value: answer.body };
    if (outcome === 'unreachable')
        return { kind: 'stop', problem: 'unreachable' };
    if (status === 400)
        return { kind: 'stop', problem: 'token-refused', status };
    const why = outcome === 'timeout' ? 'token-timeout' : 'token-unsupported';
    // The SDK falls back for a timeout and for 403/404/405 (and, in effect, any other status).
    if (v1Disabled)
        return { kind: 'stop', problem: 'v1-blocked', ...(status === undefined ? {} : { status }) };
    return { kind: 'fallback', why };
}
/** What a failed role-list or credentials request means. */
function failureOf(answer, token) {
    const { status, outcome } = answer.exchange;
    if (outcome === 'timeout' || outcome === 'unreachable')
        return 'unreachable';
    if (status === 404)
        return 'no-instance-profile';
    // IMDSv2 required, and the token's answer never came back: the hop-limit trap.
    if (status === 401 && token.kind === 'fallback' && token.why === 'token-timeout')
        return 'hop-limit';
    return 'error-status';
}
async function fromInstanceMetadata(settings, deadline, now = Date.now) {
    const endpoint = new URL(settings.endpoint);
    const exchanges = [];
    const ask = async (method, path, headers) => {
        const answer = await send(endpoint, method, path, headers, deadline);
        exchanges.push(answer.exchange);
        return answer;
    };
    const token = judgeToken(await ask('PUT', TOKEN_PATH, { 'x-aws-ec2-metadata-token-ttl-seconds': '21600' }), settings.v1Disabled);
    if (token.kind === 'stop')
        return {
            ok: false,
            problem: token.problem,
            exchanges,
            ...(token.status === undefined ? {} : { status: token.status })
        };
    const headers = token.kind === 'token' ? { 'x-aws-ec2-metadata-token': token.value } : {};
    const roles = await ask('GET', ROLE_PATH, headers);
    const fail = (answer, problem = failureOf(answer, token)) => ({
        ok: false,
        problem,
        exchanges,
        ...(answer.exchange.status === undefined ? {} : { status: answer.exchange.status })
    });
    if (!ok(roles))
        return fail(roles);
    const role = roles.body.trim();
    const answer = await ask('GET', `${ROLE_PATH}${role}`, headers);
    if (!ok(answer))
        return fail(answer);
    const parsed = credentialsOf(answer.body);
    if (parsed === undefined)
        return fail(answer, 'bad-answer');
    if (hasExpired(parsed.expiration, now))
        return fail(answer, 'expired');
    return {
        ok: true,
        credentials: parsed.credentials,
        exchanges,
        ...(token.kind === 'fallback' ? { v1Fallback: token.why } : {})
    };
}
/** An `Expiration` that has passed; one that does not parse is left to STS to judge. */
function hasExpired(expiration, now) {
    const expiresAt = Date.parse(expiration);
    return !Number.isNaN(expiresAt) && expiresAt <= now();
}
/** One line per request: what was asked, what answered, in how long. */
function describeExchange(exchange) {
    const answer = exchange.outcome === 'answered'
        ? `HTTP ${exchange.status ?? '?'}`
        : exchange.outcome === 'timeout'
            ? 'no answer in time'
            : 'no connection';
    return `${exchange.asked}: ${answer} after ${exchange.elapsedMs} ms`;
}


/***/ }),

/***/ 1373:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Hd: () => (/* binding */ proxyAgents),
/* harmony export */   iJ: () => (/* binding */ proxyFor)
/* harmony export */ });
/* unused harmony export bypassesProxy */
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7067);
/* harmony import */ var node_http__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_http__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4708);
/* harmony import */ var node_https__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_https__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_tls__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1692);
/* harmony import */ var node_tls__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__webpack_require__.n(node_tls__WEBPACK_IMPORTED_MODULE_2__);
/**
 * `HTTPS_PROXY` / `HTTP_PROXY` / `NO_PROXY` for the AWS clients. The SDK's HTTP handler ignores
 * them, so a self-hosted runner behind a proxy would report STS as unreachable when the AWS CLI
 * on the same runner gets through. Requests are tunnelled with `CONNECT`, as curl and the
 * runner's own HTTP client do. The variables come from discovery (`Discovery.network.proxy`).
 */



function isLoopback(host) {
    const name = host.toLowerCase().replace(/^\[|\]$/gu, '');
    return name === 'localhost' || name.startsWith('127.') || name === '::1';
}
/**
 * `NO_PROXY` as curl reads it: `*`, host names (which also cover their subdomains), `.domain`,
 * optional `:port`. Loopback addresses are never proxied, as in the runner's own HTTP client.
 */
function bypassesProxy(target, noProxy) {
    if (isLoopback(target.hostname))
        return true;
    if (noProxy === undefined)
        return false;
    const host = target.hostname.toLowerCase();
    const port = portOf(target);
    return noProxy
        .split(/[,\s]+/u)
        .some(raw => noProxyEntryMatches(raw.trim().toLowerCase(), host, port));
}
function portOf(target) {
    if (target.port !== '')
        return target.port;
    return target.protocol === 'https:' ? '443' : '80';
}
function noProxyEntryMatches(entry, host, port) {
    if (entry === '')
        return false;
    if (entry === '*')
        return true;
    const [name = '', entryPort] = entry.split(/:(?=\d+$)/u);
    if (entryPort !== undefined && entryPort !== port)
        return false;
    const domain = name.replace(/^\*?\./u, '');
    return host === domain || host.endsWith(`.${domain}`);
}
/** The proxy a request to `target` goes through, or undefined for a direct connection. */
function proxyFor(target, settings) {
    let url;
    try {
        url = new URL(target);
    }
    catch {
        return undefined;
    }
    const found = url.protocol === 'https:' ? settings.https : settings.http;
    if (found === undefined)
        return undefined;
    if (bypassesProxy(url, settings.noProxy))
        return undefined;
    const { variable, value } = found;
    let proxy;
    try {
        proxy = new URL(/^[a-z][a-z0-9+.-]*:\/\//iu.test(value) ? value : `http://${value}`);
    }
    catch {
        return undefined;
    }
    const port = proxy.port === '' ? '' : `:${proxy.port}`;
    return { url: proxy, display: `${proxy.protocol}//${proxy.hostname}${port}`, variable };
}
function markProxyError(error, fields) {
    return Object.assign(error, fields);
}
/**
 * Opens a `CONNECT` tunnel through the proxy to `host:port`, and hands the raw socket on.
 * The proxy's credentials, if the URL holds any, go in `Proxy-Authorization` and nowhere else.
 */
function openTunnel(proxy, host, port, done) {
    const user = decodeURIComponent(proxy.username);
    const password = decodeURIComponent(proxy.password);
    const authorization = user === '' && password === ''
        ? {}
        : { 'Proxy-Authorization': `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` };
    const request = (proxy.protocol === 'https:' ? (node_https__WEBPACK_IMPORTED_MODULE_1___default()) : (node_http__WEBPACK_IMPORTED_MODULE_0___default())).request({
        host: proxy.hostname,
        port: proxy.port === '' ? (proxy.protocol === 'https:' ? 443 : 80) : Number(proxy.port),
        method: 'CONNECT',
        path: `${host}:${port}`,
        headers: { Host: `${host}:${port}`, ...authorization },
        agent: false
    });
    request.once('connect', (response, socket) => {
        if (response.statusCode !== 200) {
            socket.destroy();
            const error = new Error(`The proxy answered CONNECT with HTTP ${response.statusCode ?? '?'}`);
            Object.assign(error, { code: 'EPROXYCONNECT' });
            done(markProxyError(error, {
                proxyStage: 'tunnel',
                ...(response.statusCode === undefined ? {} : { proxyStatus: response.statusCode })
            }));
            return;
        }
        done(null, socket);
    });
    request.once('error', (error) => done(markProxyError(error, { proxyStage: 'connect' })));
    request.end();
}
function targetOf(options, fallbackPort) {
    const host = options.hostname ?? options.host ?? 'localhost';
    const port = typeof options.port === 'number' ? options.port : Number(options.port ?? NaN);
    return [host, Number.isFinite(port) ? port : fallbackPort];
}
/** An agent for `https:` targets: TLS to the target inside the proxy's tunnel. */
class HttpsTunnelAgent extends (node_https__WEBPACK_IMPORTED_MODULE_1___default().Agent) {
    proxy;
    constructor(proxy) {
        super({ keepAlive: false });
        this.proxy = proxy;
    }
    createConnection(options, callback) {
        const done = callback;
        const [host, port] = targetOf(options, 443);
        openTunnel(this.proxy, host, port, (error, socket) => {
            if (error !== null || socket === undefined) {
                done?.(error ?? new Error('The proxy tunnel failed'));
                return;
            }
            const secure = node_tls__WEBPACK_IMPORTED_MODULE_2___default().connect({
                socket,
                servername: options.servername ?? host,
                ...(options.rejectUnauthorized === undefined
                    ? {}
                    : { rejectUnauthorized: options.rejectUnauthorized })
            });
            done?.(null, secure);
        });
        return undefined;
    }
}
/** An agent for `http:` targets (endpoint overrides): the plain request inside the tunnel. */
class HttpTunnelAgent extends (node_http__WEBPACK_IMPORTED_MODULE_0___default().Agent) {
    proxy;
    constructor(proxy) {
        super({ keepAlive: false });
        this.proxy = proxy;
    }
    createConnection(options, callback) {
        const done = callback;
        const [host, port] = targetOf(options, 80);
        openTunnel(this.proxy, host, port, (error, socket) => {
            if (error !== null || socket === undefined)
                done?.(error ?? new Error('The proxy failed'));
            else
                done?.(null, socket);
        });
        return undefined;
    }
}
/** The agents to give the SDK's HTTP handler for a route through `proxy`. */
function proxyAgents(proxy) {
    return { httpAgent: new HttpTunnelAgent(proxy.url), httpsAgent: new HttpsTunnelAgent(proxy.url) };
}


/***/ }),

/***/ 736:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   $c: () => (/* binding */ HOME_REGION),
/* harmony export */   Fh: () => (/* binding */ partitionOfArn),
/* harmony export */   Ip: () => (/* binding */ isAcceptedRegion),
/* harmony export */   U7: () => (/* binding */ looksLikeRegion),
/* harmony export */   cn: () => (/* binding */ partitionOfRegion),
/* harmony export */   fF: () => (/* binding */ regionalStsEndpoint),
/* harmony export */   rr: () => (/* binding */ isOptInRegion),
/* harmony export */   sG: () => (/* binding */ globalIamEndpoint),
/* harmony export */   ww: () => (/* binding */ PARTITION_NAMES)
/* harmony export */ });
/* unused harmony export OPT_IN_REGIONS */
/**
 * What a region name tells before anything is sent: its partition, whether accounts must opt
 * in to it, and the STS endpoint the SDK would use for it.
 */
/**
 * Regions that are disabled for an account until it opts in. Calls to their STS endpoints
 * with a key of an account that has not opted in answer `InvalidClientTokenId`, as a deleted
 * key would (aws-facts D).
 */
const OPT_IN_REGIONS = new Set([
    'af-south-1',
    'ap-east-1',
    'ap-east-2',
    'ap-south-2',
    'ap-southeast-3',
    'ap-southeast-4',
    'ap-southeast-5',
    'ap-southeast-6',
    'ap-southeast-7',
    'ca-west-1',
    'eu-central-2',
    'eu-south-1',
    'eu-south-2',
    'il-central-1',
    'me-central-1',
    'me-south-1',
    'mx-central-1'
]);
/** The region each partition's global services (IAM) and our probes sign for. */
const HOME_REGION = {
    aws: 'us-east-1',
    'aws-cn': 'cn-north-1',
    'aws-us-gov': 'us-gov-west-1'
};
const PARTITION_NAMES = {
    aws: 'the commercial partition (aws)',
    'aws-cn': 'AWS China (aws-cn)',
    'aws-us-gov': 'AWS GovCloud (aws-us-gov)'
};
function partitionOfRegion(region) {
    if (region.startsWith('cn-'))
        return 'aws-cn';
    if (region.startsWith('us-gov-'))
        return 'aws-us-gov';
    return 'aws';
}
/** The partition named in an ARN (`arn:aws-cn:…`), where it is one we know. */
function partitionOfArn(arn) {
    const name = arn.split(':')[1];
    return name === 'aws' || name === 'aws-cn' || name === 'aws-us-gov' ? name : undefined;
}
function isOptInRegion(region) {
    return OPT_IN_REGIONS.has(region);
}
/**
 * Whether the JS SDK accepts a region at all. Before it sends anything the SDK checks that the
 * region is a host label (@smithy/core 3.41.1, `checkRegion` with `isValidHostLabel`) and
 * otherwise throws `Region not accepted: region="…" is not a valid hostname component.`;
 * botocore (AWS CLI v1 1.45.11) refuses the same names with `Provided region_name '…' doesn't
 * match a supported format.` (and also an all-digit name, which the JS SDK lets through).
 */
function isAcceptedRegion(region) {
    return /^(?!.*-$)(?!-)[a-zA-Z0-9-]{1,63}$/u.test(region);
}
/**
 * True for names shaped like AWS regions (`eu-west-1`, `us-gov-east-1`, `cn-north-1`), so a
 * DNS failure can be blamed on a mistyped region (`us-east1`, `eu-west`).
 */
function looksLikeRegion(region) {
    return /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/u.test(region);
}
/** The regional STS endpoint the SDK uses for a region (regional endpoints are the default). */
function regionalStsEndpoint(region) {
    const suffix = partitionOfRegion(region) === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com';
    return `https://sts.${region}.${suffix}`;
}
/** IAM's one endpoint in each partition. */
function globalIamEndpoint(partition) {
    if (partition === 'aws-cn')
        return 'https://iam.cn-north-1.amazonaws.com.cn';
    if (partition === 'aws-us-gov')
        return 'https://iam.us-gov.amazonaws.com';
    return 'https://iam.amazonaws.com';
}


/***/ }),

/***/ 7877:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   M5: () => (/* binding */ portalAsk),
/* harmony export */   Sb: () => (/* binding */ PORTAL_STATUS),
/* harmony export */   lk: () => (/* binding */ portalRefusal)
/* harmony export */ });
/* unused harmony export ssoSourceOf */
const CODES = new Set([
    'UnauthorizedException',
    'ForbiddenException',
    'ResourceNotFoundException',
    'TooManyRequestsException',
    'InvalidRequestException'
]);
function isPortalCode(name) {
    return CODES.has(name);
}
/** The portal's answer in a `CredentialsProviderError` message, or undefined for any other. */
function portalRefusal(message) {
    const match = /^(\w+): ([^\n]*)/u.exec(message);
    const name = match?.[1];
    if (name === undefined || !isPortalCode(name))
        return undefined;
    return { code: name, message: match?.[2] ?? '' };
}
/** The HTTP status the portal answers each code with. */
const PORTAL_STATUS = {
    UnauthorizedException: 401,
    ForbiddenException: 403,
    ResourceNotFoundException: 404,
    TooManyRequestsException: 429,
    InvalidRequestException: 400
};
/**
 * The SSO profile whose login the SDK sent: the source in use, or, where that is a role profile
 * whose `source_profile` chain starts from an SSO profile, the one in its chain (`partOf`).
 */
function ssoSourceOf(selected, sources) {
    if (selected === undefined || selected.details.ssoRoleName !== undefined)
        return selected;
    return (sources.find(source => source.partOf === selected.label && source.details.ssoRoleName !== undefined) ?? selected);
}
/** Who asked the portal for which role, from the source in use and the sources discovered. */
function portalAsk(selected, sources) {
    const sso = ssoSourceOf(selected, sources);
    const { ssoAccountId: account, ssoRoleName: role, ssoRegion: region } = sso?.details ?? {};
    return {
        ...(sso === undefined ? {} : { sso }),
        ...(selected === undefined ? {} : { selected }),
        ...(account === undefined ? {} : { account }),
        ...(role === undefined ? {} : { role }),
        ...(region === undefined ? {} : { region })
    };
}


/***/ }),

/***/ 8665:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Km: () => (/* binding */ stsClient),
/* harmony export */   LH: () => (/* binding */ withRetries),
/* harmony export */   eL: () => (/* binding */ getCallerIdentity)
/* harmony export */ });
/* unused harmony exports principalTypeOf, toFailure, isRetryable */
/* harmony import */ var _aws_sdk_client_sts__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4928);
/* harmony import */ var _aws_sdk_client_sts__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(3546);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3916);
/* harmony import */ var _deadline_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7969);
/* harmony import */ var _http_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(5421);
/**
 * STS GetCallerIdentity behind a narrow wrapper: one bounded attempt at a time, our own
 * retries only where they can help, and every failure returned as data for classification.
 */




function principalTypeOf(arn) {
    const resource = arn.split(':').slice(5).join(':');
    if (resource === 'root')
        return 'root';
    if (resource.startsWith('user/'))
        return 'iam-user';
    if (resource.startsWith('assumed-role/'))
        return 'assumed-role';
    if (resource.startsWith('federated-user/'))
        return 'federated-user';
    return 'unknown';
}
const NETWORK_CODES = new Set([
    'ECONNREFUSED',
    'ECONNRESET',
    'ENOTFOUND',
    'EAI_AGAIN',
    'EHOSTUNREACH',
    'ENETUNREACH',
    'EPIPE',
    'ECONNABORTED',
    'EPROTO',
    'EPROXYCONNECT',
    'ERR_TLS_CERT_ALTNAME_INVALID',
    'CERT_HAS_EXPIRED',
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY'
]);
function metadataOf(error) {
    if (typeof error !== 'object' || error === null)
        return undefined;
    const metadata = error.$metadata;
    return typeof metadata === 'object' && metadata !== null
        ? metadata
        : undefined;
}
function proxyFieldsOf(error) {
    if (typeof error !== 'object' || error === null)
        return {};
    const { proxyStage, proxyStatus } = error;
    return {
        ...(proxyStage === 'connect' || proxyStage === 'tunnel' ? { proxyStage } : {}),
        ...(typeof proxyStatus === 'number' ? { proxyStatus } : {})
    };
}
function isNetworkCode(code) {
    if (code === undefined)
        return false;
    return (NETWORK_CODES.has(code) ||
        code.startsWith('ERR_TLS') ||
        code.startsWith('ERR_SSL') ||
        code.startsWith('CERT_'));
}
const TIMEOUT_NAMES = new Set(['TimeoutError', 'AbortError']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT']);
function isTimeout(name, code) {
    return TIMEOUT_NAMES.has(name) || (code !== undefined && TIMEOUT_CODES.has(code));
}
/** A modelled error STS answered with (an HTTP status other than 200). */
function isServiceFault(error, httpStatus) {
    const fault = (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorProperty */ .cB)(error, '$fault');
    return fault !== undefined && httpStatus !== undefined && httpStatus !== 200;
}
/** What kind of failure the SDK's error is, and the code that names it. */
function kindOf(error, name, httpStatus) {
    const code = (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorCode */ .CA)(error, 'code');
    // The code comes first: the SDK renames ECONNRESET and EPIPE to `TimeoutError`, which made
    // a dropped connection read as "no answer within timeout-seconds" after a few milliseconds.
    if (isNetworkCode(code))
        return { code, kind: 'network' };
    if (isTimeout(name, code))
        return { code: code ?? name, kind: 'timeout' };
    if (isServiceFault(error, httpStatus)) {
        // Modelled errors are named after their SDK classes (`InvalidIdentityTokenException`); the
        // wire code that STS sent, and that people search for, is in `Code`.
        return { code: (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorCode */ .CA)(error, 'Code') ?? name, kind: 'service' };
    }
    return { code: code ?? name, kind: 'unreadable' };
}
/** Turns whatever the SDK threw into an `AwsFailure`, by code and status, never by message. */
function toFailure(error, record, attempts) {
    const name = (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorCode */ .CA)(error, 'name') ?? 'Error';
    const metadata = metadataOf(error);
    const httpStatus = metadata?.httpStatusCode ?? record.statusCode;
    const requestId = metadata?.requestId;
    return {
        message: (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .errorProperty */ .cB)(error, 'message') ?? '',
        attempts,
        ...(httpStatus === undefined ? {} : { httpStatus }),
        ...(requestId === undefined ? {} : { requestId }),
        ...proxyFieldsOf(error),
        ...kindOf(error, name, httpStatus)
    };
}
/**
 * Network failures another attempt may cure: a dropped connection or a DNS server that did not
 * answer. A refused connection, an unknown host, a certificate or a proxy's refusal stay the
 * same a second later, so retrying them only delays the verdict.
 */
const TRANSIENT_NETWORK_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'EAI_AGAIN']);
/** Failures another attempt may cure: throttling, server errors, dropped connections. */
function isRetryable(failure) {
    if (failure.kind === 'network')
        return TRANSIENT_NETWORK_CODES.has(failure.code);
    if (failure.kind === 'unreadable')
        return true;
    if (failure.kind !== 'service')
        return false;
    return ((failure.httpStatus !== undefined && failure.httpStatus >= 500) ||
        [
            'Throttling',
            'ThrottlingException',
            'RequestLimitExceeded',
            'TooManyRequestsException',
            'IDPCommunicationError'
        ].includes(failure.code));
}
const BACKOFF_MS = [150, 500, 1200];
/**
 * Runs `attempt` until it succeeds, fails for good, or the deadline leaves no room for another
 * try. Authentication errors are final at once: retrying them only delays the verdict.
 */
async function withRetries(deadline, attempt, options = {}) {
    let attempts = 0;
    for (;;) {
        attempts += 1;
        const record = {};
        try {
            const value = await deadline.race(attempt(record), 'The request');
            return { ok: true, value, record, attempts };
        }
        catch (error) {
            const failure = toFailure(error, record, attempts);
            const pause = BACKOFF_MS[attempts - 1];
            if (options.retry === false ||
                !isRetryable(failure) ||
                pause === undefined ||
                deadline.remaining() < pause + 200) {
                return { ok: false, failure, record };
            }
            await (0,_deadline_js__WEBPACK_IMPORTED_MODULE_2__/* .sleep */ .y)(pause);
        }
    }
}
function stsClient(config, credentials, deadline) {
    return new _aws_sdk_client_sts__WEBPACK_IMPORTED_MODULE_3__/* .STSClient */ .i({
        region: config.region,
        ...(config.endpoint === undefined ? {} : { endpoint: config.endpoint }),
        // The endpoint is the one discovery resolved: the client must not look for another itself.
        ignoreConfiguredEndpointUrls: true,
        ...(credentials === undefined ? {} : { credentials }),
        ...(config.clockOffsetMs === undefined ? {} : { systemClockOffset: config.clockOffsetMs }),
        // Retries are ours (see withRetries): the SDK's would retry for minutes.
        maxAttempts: 1,
        ..._http_js__WEBPACK_IMPORTED_MODULE_0__/* .FIXED_CLIENT_SETTINGS */ .$8,
        requestHandler: (0,_http_js__WEBPACK_IMPORTED_MODULE_0__/* .httpHandler */ .bu)(deadline, config.proxy)
    });
}
async function getCallerIdentity(config, credentials, deadline, options = {}) {
    const client = stsClient(config, credentials, deadline);
    let current = {};
    (0,_http_js__WEBPACK_IMPORTED_MODULE_0__/* .recordResponses */ .gt)(client, () => current);
    try {
        const result = await withRetries(deadline, async (record) => {
            current = record;
            return client.send(new _aws_sdk_client_sts__WEBPACK_IMPORTED_MODULE_4__/* .GetCallerIdentityCommand */ .z({}), { abortSignal: deadline.signal() });
        }, options);
        if (!result.ok)
            return { ok: false, failure: result.failure, response: result.record };
        const { Account, Arn, UserId } = result.value;
        if (Account === undefined || Arn === undefined || UserId === undefined) {
            return {
                ok: false,
                failure: {
                    code: 'IncompleteResponse',
                    message: 'GetCallerIdentity answered without Account, Arn or UserId',
                    kind: 'unreadable',
                    attempts: result.attempts
                },
                response: result.record
            };
        }
        return {
            ok: true,
            identity: { account: Account, arn: Arn, userId: UserId, principalType: principalTypeOf(Arn) },
            response: result.record,
            attempts: result.attempts
        };
    }
    finally {
        client.destroy();
    }
}


/***/ }),

/***/ 4849:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  B2: () => (/* reexport */ deadline/* Deadline */.B),
  N2: () => (/* binding */ describeEndpoint),
  u1: () => (/* binding */ stsEndpoint),
  bR: () => (/* binding */ validateRemote)
});

// UNUSED EXPORTS: probeRegions

// EXTERNAL MODULE: ./src/checks/check.ts + 17 modules
var check = __webpack_require__(1153);
// EXTERNAL MODULE: ./src/checks/no-credentials.ts
var no_credentials = __webpack_require__(7869);
// EXTERNAL MODULE: ./src/findings.ts
var src_findings = __webpack_require__(1001);
// EXTERNAL MODULE: ./src/model.ts
var model = __webpack_require__(182);
// EXTERNAL MODULE: ./src/redact.ts
var redact = __webpack_require__(6670);
;// CONCATENATED MODULE: ./src/aws/chain-refusal.ts
/** AWS's AccessDenied wording: `User: ARN is not authorized to perform: ACTION on resource: ARN`. */
const NOT_AUTHORIZED = /User: (\S+) is not authorized to perform: (\S+) on resource: (\S+)/u;
/** The identity an AccessDenied names as the caller, without the sentence's full stop. */
function callerOf(detail) {
    return NOT_AUTHORIZED.exec(detail)?.[1]?.replace(/\.$/u, '');
}
/**
 * `code` is the AWS error code, `detail` the SDK's `name: message` (AWS's text: no secret
 * material), `selected` the source the SDK's chain used.
 */
function chainRefusal(code, detail, selected) {
    const roleArn = selected?.details.roleArn;
    // A web identity source also has a role ARN, but calls AssumeRoleWithWebIdentity.
    if (selected === undefined || roleArn === undefined || selected.tokenFile !== undefined)
        return {
            kind: 'chain-refused',
            code,
            detail,
            ...(selected === undefined ? {} : { label: selected.label })
        };
    const { profile } = selected;
    const { sourceProfile } = selected.details;
    const caller = code === 'AccessDenied' ? callerOf(detail) : undefined;
    return {
        kind: 'role-refused',
        code,
        detail,
        roleArn,
        label: selected.label,
        ...(profile === undefined ? {} : { profile }),
        ...(sourceProfile === undefined ? {} : { sourceProfile }),
        ...(caller === undefined ? {} : { caller })
    };
}

// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(4285);
// EXTERNAL MODULE: ./src/report/quoting.ts
var quoting = __webpack_require__(6721);
;// CONCATENATED MODULE: ./src/report/chain-refusal.ts
/**
 * The words of a credential chain that AWS refused (a `no-credentials` finding), from the facts
 * src/aws/chain-refusal.ts finds: which role refused whom, or which call of the chain failed.
 */




function accessDeniedRemediation(refusal) {
    const principal = refusal.caller === undefined
        ? 'the ARN of the identity the source profile holds'
        : (0,markdown/* code */.aY)(refusal.caller);
    return [
        `The role's trust policy must let the source identity assume it: a statement with \`"Effect": "Allow"\`, \`"Action": "sts:AssumeRole"\` and \`"Principal": { "AWS": … }\` naming ${principal} (or its account, \`arn:aws:iam::ACCOUNT:root\`, in which case that identity's own IAM policy must also allow \`sts:AssumeRole\` on ${(0,markdown/* code */.aY)(refusal.roleArn)}).`,
        'Check that `role_arn` names the role you mean: STS gives the same AccessDenied for a role that does not exist.'
    ].join(' ');
}
function assumeRoleRemediation(refusal) {
    const { code, sourceProfile: from } = refusal;
    if (code === 'AccessDenied')
        return accessDeniedRemediation(refusal);
    if (code === 'ValidationError')
        return "Check the profile's `role_arn`, `role_session_name` and `duration_seconds`: a session name holds 2–64 of the characters `A-Za-z0-9+=,.@_-`, and the duration may not exceed the role's maximum session duration (one hour when the source is itself a role session).";
    return from === undefined
        ? `STS refused the credentials the profile starts from (${code}). Check them on their own with \`aws sts get-caller-identity\`.`
        : `STS refused the credentials of the source profile "${(0,markdown/* escapeText */.X1)(from)}" (${code}). Check them on their own with ${(0,markdown/* code */.aY)(`aws sts get-caller-identity --profile ${(0,quoting/* shellArg */.JP)(from)}`)}; the findings above cover what could be checked offline.`;
}
function roleRefusedFinding(refusal) {
    const { code, detail, roleArn, sourceProfile: from } = refusal;
    const name = refusal.profile === undefined ? 'The profile' : `Profile "${(0,markdown/* escapeText */.X1)(refusal.profile)}"`;
    return (0,src_findings/* finding */.gk)('no-credentials', {
        title: `${name} could not assume its role: STS answered ${code}`,
        source: refusal.label,
        message: `The AWS SDK read the ${(0,markdown/* escapeText */.X1)(refusal.label)}, but STS refused the AssumeRole call into ${(0,markdown/* code */.aY)(roleArn)} made with the credentials of ${from === undefined ? 'its credential source' : `profile "${(0,markdown/* escapeText */.X1)(from)}"`}: ${(0,markdown/* code */.aY)(detail)}. No credentials came of it, so nothing else could be checked with STS.`,
        remediation: assumeRoleRemediation(refusal),
        evidence: [(0,markdown/* code */.aY)(detail)]
    });
}
/** The finding for a refused credential chain, in words. */
function chainRefusalFinding(refusal) {
    if (refusal.kind === 'role-refused')
        return roleRefusedFinding(refusal);
    const { code, detail, label } = refusal;
    return (0,src_findings/* finding */.gk)('no-credentials', {
        title: `The credentials could not be obtained: AWS answered ${code}`,
        ...(label === undefined ? {} : { source: label }),
        message: `The AWS SDK did not get credentials from ${label === undefined ? 'any source' : `the ${(0,markdown/* escapeText */.X1)(label)}`}: AWS refused a call the SDK made to obtain them: ${(0,markdown/* code */.aY)(detail)}. Nothing could be checked with STS.`,
        remediation: 'Run the same credential chain by hand (`aws sts get-caller-identity` with the same profile and variables) to see which call fails and why.',
        evidence: [(0,markdown/* code */.aY)(detail)]
    });
}
/**
 * `code` is the AWS error code, `detail` the SDK's `name: message` (AWS's text: no secret
 * material), `selected` the source the SDK's chain used.
 */
function chainRefusedFinding(code, detail, selected) {
    return chainRefusalFinding(chainRefusal(code, detail, selected));
}

// EXTERNAL MODULE: ./src/aws/iam-role.ts
var iam_role = __webpack_require__(5385);
// EXTERNAL MODULE: ./src/aws/endpoints.ts
var endpoints = __webpack_require__(9843);
// EXTERNAL MODULE: ./src/aws/regions.ts
var aws_regions = __webpack_require__(736);
// EXTERNAL MODULE: ./src/oidc/evaluate.ts
var evaluate = __webpack_require__(2934);
// EXTERNAL MODULE: ./src/oidc/lint.ts
var lint = __webpack_require__(2312);
;// CONCATENATED MODULE: ./src/aws/role-trust.ts
/**
 * Whether a role's trust policy admits a caller to `sts:AssumeRole`, as far as a refusal needs
 * explaining: which statements name the caller (by ARN, by its role for a role session, by
 * account, or anyone), and whether an `sts:ExternalId` condition is what keeps it out. Pure.
 *
 * Principal forms [IAM user guide, reference_policies_elements_principal]: `"*"` or
 * `{"AWS": "*"}`, an account ID or `arn:PARTITION:iam::ACCOUNT:root` (the account, whose own
 * identity policy must then allow `sts:AssumeRole` too), a user or role ARN, and, for a role
 * session, the role's ARN or the session's `assumed-role` ARN. `sts:ExternalId` is compared
 * case-sensitively by `StringEquals` and as a wildcard pattern by `StringLike` [IAM user guide,
 * reference_policies_elements_condition_operators].
 */


const ARN = /^arn:([\w-]+):(iam|sts)::(\d{12}):(.+)$/u;
function callerParts(arn) {
    const match = ARN.exec(arn);
    if (match === null)
        return undefined;
    const [, partition = 'aws', , account = '', resource = ''] = match;
    const session = /^assumed-role\/([^/]+)\//u.exec(resource);
    return { partition, account, ...(session?.[1] === undefined ? {} : { roleName: session[1] }) };
}
/** The account of a caller's ARN (a user, a role, a role session), where it is one. */
function accountOfCaller(arn) {
    return arn === undefined ? undefined : callerParts(arn)?.account;
}
/** How a principal entry names the caller, if it does. */
function names(entry, caller, parts) {
    if (entry === '*')
        return 'arn';
    if (entry === caller)
        return 'arn';
    if (entry === parts.account || entry === `arn:${parts.partition}:iam::${parts.account}:root`)
        return 'account';
    const role = parts.roleName;
    if (role === undefined)
        return undefined;
    const roleArn = new RegExp(`^arn:${parts.partition}:iam::${parts.account}:role/(?:[^/]+/)*${role.replace(/[.+]/gu, '\\$&')}$`, 'u');
    return roleArn.test(entry) ? 'arn' : undefined;
}
function principalNames(principal, caller, parts) {
    if (principal === '*')
        return 'arn';
    if (!(0,lint/* isObject */.Gv)(principal))
        return undefined;
    const found = (0,lint/* list */.p_)(principal.AWS).map(entry => names(entry, caller, parts));
    return found.includes('arn') ? 'arn' : found.includes('account') ? 'account' : undefined;
}
function allowsAssumeRole(statement) {
    if (statement.Effect !== 'Allow')
        return false;
    return (0,lint/* list */.p_)(statement.Action).some(action => (0,evaluate/* globMatch */.eu)(action.toLowerCase(), 'sts:assumerole', false));
}
/** The statement's `sts:ExternalId` tests, and the other condition keys it has. */
function conditionsOf(statement) {
    const condition = statement.Condition;
    const externalIds = [];
    const others = [];
    if (!(0,lint/* isObject */.Gv)(condition))
        return { externalIds, others };
    for (const [operator, block] of Object.entries(condition)) {
        if (!(0,lint/* isObject */.Gv)(block))
            continue;
        for (const [key, value] of Object.entries(block)) {
            const plain = operator === 'StringEquals' || operator === 'StringLike';
            if (key.toLowerCase() === 'sts:externalid' && plain)
                externalIds.push({ like: operator === 'StringLike', values: (0,lint/* list */.p_)(value) });
            else
                others.push(key);
        }
    }
    return { externalIds, others };
}
/** One statement that names the caller, judged with the external ID the profile sends. */
function judge(statement, via, externalId) {
    const { externalIds, others } = conditionsOf(statement);
    if (others.length > 0)
        return { kind: 'conditions', keys: others };
    if (externalIds.length === 0)
        return { kind: 'admitted', via };
    if (externalId === undefined)
        return { kind: 'external-id-missing' };
    const matches = externalIds.every(test => test.values.some(value => (test.like ? (0,evaluate/* globMatch */.eu)(value, externalId) : value === externalId)));
    return matches ? { kind: 'admitted', via } : { kind: 'external-id-mismatch' };
}
const RANK = {
    admitted: 0,
    conditions: 1,
    'external-id-mismatch': 2,
    'external-id-missing': 3,
    'not-named': 4,
    unreadable: 5
};
function statementsOf(policy) {
    try {
        const parsed = JSON.parse(policy);
        if (!(0,lint/* isObject */.Gv)(parsed))
            return undefined;
        const statements = Array.isArray(parsed.Statement) ? parsed.Statement : [parsed.Statement];
        return statements.filter(lint/* isObject */.Gv);
    }
    catch {
        return undefined;
    }
}
/** The verdict of the statement that comes closest to admitting the caller. */
function judgeTrust(policy, caller) {
    const statements = statementsOf(policy);
    const parts = callerParts(caller.arn);
    if (statements === undefined || parts === undefined)
        return { kind: 'unreadable' };
    const verdicts = statements.flatMap(statement => {
        const via = allowsAssumeRole(statement)
            ? principalNames(statement.Principal, caller.arn, parts)
            : undefined;
        return via === undefined ? [] : [judge(statement, via, caller.externalId)];
    });
    const sorted = [...verdicts].sort((a, b) => RANK[a.kind] - RANK[b.kind]);
    return sorted[0] ?? { kind: 'not-named' };
}

;// CONCATENATED MODULE: ./src/aws/role-refusal.ts




/** AWS's AccessDenied wording: `User: ARN is not authorized to perform: ACTION on resource: ARN`. */
const role_refusal_NOT_AUTHORIZED = /User: (\S+) is not authorized to perform: \S+ on resource: \S+/u;
/** Codes STS gives for the signing credentials themselves, before it looks at the role. */
const SOURCE_REFUSED = new Set([
    'InvalidClientTokenId',
    'SignatureDoesNotMatch',
    'ExpiredToken',
    'IncompleteSignature',
    'MissingAuthenticationToken',
    'UnrecognizedClientException'
]);
function refusedCall(calls) {
    const last = calls.at(-1);
    return last?.refusal === undefined ? undefined : { ...last, refusal: last.refusal };
}
/** The caller STS named in its AccessDenied, without the sentence's full stop. */
function callerArn(message) {
    return role_refusal_NOT_AUTHORIZED.exec(message)?.[1]?.replace(/\.$/u, '');
}
function withCaller(cause, caller) {
    return caller === undefined ? cause : { ...cause, caller };
}
function validationCause(call, role) {
    const message = call.refusal.message;
    if (/roleSessionName/u.test(message))
        return { kind: 'session-name-invalid' };
    if (/session limit for roles assumed by role chaining/u.test(message))
        return { kind: 'chained-duration' };
    if (/MaxSessionDuration/u.test(message)) {
        const max = role.state === 'read' ? role.maxSessionDuration : undefined;
        return max === undefined ? { kind: 'max-duration' } : { kind: 'max-duration', max };
    }
    if (/durationSeconds/u.test(message))
        return { kind: 'duration-bounds' };
    return undefined;
}
function deniedCause(call, role) {
    const caller = callerArn(call.refusal.message);
    if (role.state === 'missing')
        return { kind: 'role-missing' };
    if (role.state === 'unread')
        return withCaller({ kind: 'unread-denial', reason: role.reason }, caller);
    const verdict = judgeTrust(role.trustPolicy, {
        arn: caller ?? '',
        ...(call.externalId === undefined ? {} : { externalId: call.externalId })
    });
    switch (verdict.kind) {
        case 'external-id-missing':
        case 'external-id-mismatch':
            return { kind: verdict.kind };
        case 'not-named':
            return withCaller({ kind: 'not-named' }, caller);
        case 'unreadable':
            return withCaller({ kind: 'unread-denial', reason: { kind: 'trust-policy-unreadable' } }, caller);
        case 'admitted':
            if (verdict.via === 'account')
                return withCaller({ kind: 'own-policy' }, caller);
            return withCaller({ kind: 'other-denial', verdict }, caller);
        case 'conditions':
            return withCaller({ kind: 'other-denial', verdict }, caller);
    }
}
/** The cause of the refused call, from STS's answer and what iam:GetRole told. */
function refusalCause(call, role) {
    const { code: answer } = call.refusal;
    if (SOURCE_REFUSED.has(answer))
        return { kind: 'source-refused' };
    if (answer === 'AccessDenied')
        return deniedCause(call, role);
    if (answer === 'ValidationError')
        return validationCause(call, role) ?? { kind: 'other' };
    return { kind: 'other' };
}
/** Whether reading the role can tell more about this refusal. */
function worthReading(call) {
    const { code: answer, message } = call.refusal;
    return (answer === 'AccessDenied' ||
        (answer === 'ValidationError' && /MaxSessionDuration/u.test(message)));
}
/** The deadline share the best-effort read may take: the verdict must not wait for it. */
const ROLE_READ_BUDGET_MS = 1500;
/**
 * The refused role read with iam:GetRole, with the credentials the refused call was signed with
 * (the source profile's, or the previous role session's), best effort: a denial, another
 * account's credentials or no time left only leave the explanation less precise.
 * GetRole takes a role name and reads it in the caller's own account, so only credentials of
 * the role's account can read it, and only they make NoSuchEntity mean the role is missing.
 */
async function readRefusedRole(call, lookup) {
    const credentials = call.caller;
    if (credentials === undefined)
        return { state: 'unread', reason: { kind: 'no-source-credentials' } };
    const roleAccount = (0,iam_role/* parseRoleArn */.D)(call.roleArn)?.accountId;
    const callerAccount = accountOfCaller(callerArn(call.refusal.message));
    if (roleAccount === undefined)
        return { state: 'unread', reason: { kind: 'not-a-role-arn' } };
    if (callerAccount !== undefined && callerAccount !== roleAccount)
        return {
            state: 'unread',
            reason: { kind: 'other-account' }
        };
    lookup.onSecret(credentials.secretAccessKey);
    if (credentials.sessionToken !== undefined)
        lookup.onSecret(credentials.sessionToken);
    const outcome = await (0,iam_role/* getRole */.L)({
        roleArn: call.roleArn,
        credentials,
        ...(lookup.endpoint === undefined ? {} : { endpoint: lookup.endpoint }),
        ...(lookup.proxy === undefined ? {} : { proxy: lookup.proxy })
    }, lookup.deadline.within(ROLE_READ_BUDGET_MS));
    if (outcome.ok) {
        if (accountOfCaller(outcome.arn) !== roleAccount)
            return {
                state: 'unread',
                reason: { kind: 'other-account' }
            };
        return {
            state: 'read',
            trustPolicy: outcome.trustPolicy,
            ...(outcome.maxSessionDuration === undefined
                ? {}
                : { maxSessionDuration: outcome.maxSessionDuration })
        };
    }
    const failure = outcome.failure.code;
    if (failure === 'NoSuchEntity' && callerAccount === roleAccount)
        return { state: 'missing' };
    return {
        state: 'unread',
        reason: failure === 'AccessDenied' ? { kind: 'denied' } : { kind: 'failed', code: failure }
    };
}
/**
 * What is known of a role profile's refused AssumeRole, where the chain recorded one: the role
 * read first where that can tell the cause apart (and `check-iam` allows IAM look-ups).
 */
async function roleRefusalFacts(discovery, calls, options) {
    const selected = discovery.selected;
    const call = refusedCall(calls ?? []);
    // A web identity source also has a role ARN, but calls AssumeRoleWithWebIdentity.
    if (calls === undefined ||
        call === undefined ||
        selected?.details.roleArn === undefined ||
        selected.tokenFile !== undefined)
        return undefined;
    const route = (0,endpoints/* iamRoute */.VD)(discovery.network, (0,aws_regions/* partitionOfArn */.Fh)(call.roleArn));
    const role = !worthReading(call)
        ? { state: 'unread', reason: { kind: 'not-needed' } }
        : !options.checkIam
            ? { state: 'unread', reason: { kind: 'check-iam-off' } }
            : await readRefusedRole(call, {
                ...(route.override === undefined ? {} : { endpoint: route.override.url }),
                ...(route.proxy === undefined ? {} : { proxy: route.proxy }),
                deadline: options.deadline,
                onSecret: options.onSecret
            });
    return { selected, calls, role };
}

;// CONCATENATED MODULE: ./src/report/role-refusal.ts
/**
 * The words of a role profile's refused AssumeRole (a `no-credentials` finding), from what
 * src/aws/role-refusal.ts found: the refused call, STS's answer, the role as iam:GetRole read
 * it, and the cause they point to.
 */





/** Why the role was not read, in words. */
function unreadWords(reason) {
    switch (reason.kind) {
        case 'not-needed':
            return 'not needed for this answer';
        case 'check-iam-off':
            return '`check-iam` is false';
        case 'no-source-credentials':
            return 'no source credentials seen';
        case 'not-a-role-arn':
            return '`role_arn` is not a role ARN';
        case 'other-account':
            return 'the source credentials belong to another account than the role';
        case 'denied':
            return 'iam:GetRole is denied to the source credentials';
        case 'failed':
            return `iam:GetRole failed: ${(0,markdown/* code */.aY)(reason.code)}`;
        case 'trust-policy-unreadable':
            return 'its trust policy could not be read';
    }
}
function roleNameOf(roleArn) {
    return (0,iam_role/* parseRoleArn */.D)(roleArn)?.name ?? roleArn.split('/').pop() ?? roleArn;
}
/** The profile the credentials come from: a `source_profile`, or the `credential_source`. */
function sourceWords(source) {
    const from = source.details.sourceProfile;
    if (from !== undefined)
        return `the source profile "${(0,markdown/* escapeText */.X1)(from)}"`;
    const credentialSource = source.details.credentialSource?.split(':')[0];
    return credentialSource === undefined
        ? 'its credential source'
        : `its \`credential_source\` (${(0,markdown/* code */.aY)(credentialSource)})`;
}
function checkSource(source) {
    const from = source.details.sourceProfile;
    return from === undefined
        ? (0,markdown/* code */.aY)('aws sts get-caller-identity')
        : (0,markdown/* code */.aY)(`aws sts get-caller-identity --profile ${(0,quoting/* shellArg */.JP)(from)}`);
}
function sourceRefused(context) {
    const { facts, call } = context;
    return {
        title: `STS refused the source credentials (${call.refusal.code})`,
        reason: `STS refused the credentials the AssumeRole call was signed with, those of ${sourceWords(facts.selected)}, before it looked at the role`,
        fix: `Fix the credentials of ${sourceWords(facts.selected)}, not the role: check them on their own with ${checkSource(facts.selected)}; the findings about those keys, where there are any, say what is wrong with them.`
    };
}
function sessionNameInvalid(context) {
    const name = context.call.roleSessionName ?? '';
    return {
        title: 'role_session_name is not a valid session name',
        reason: `its \`role_session_name\` ${(0,markdown/* code */.aY)(name)} (${name.length} characters) is not a session name STS accepts: 2 to 64 of the characters \`A-Za-z0-9_+=,.@-\``,
        fix: `Set \`role_session_name\` in profile "${(0,markdown/* escapeText */.X1)(context.profile)}" to 2–64 characters of \`A-Za-z0-9_+=,.@-\`, for example \`github-actions\`, or remove it (the SDK then makes one up).`
    };
}
function durationWords(call) {
    return call.durationSeconds === undefined ? 'its duration' : `${call.durationSeconds} seconds`;
}
function chainedDuration(context) {
    return {
        title: 'duration_seconds is above the one-hour limit of role chaining',
        reason: `it asks for ${durationWords(context.call)}, but the call is signed with a role session's credentials (role chaining), and STS caps such sessions at 3600 seconds whatever the role's maximum`,
        fix: `Set \`duration_seconds\` in profile "${(0,markdown/* escapeText */.X1)(context.profile)}" to 3600 or less (or remove it: the default is 3600), or start from credentials that are not a role session.`
    };
}
function maxDuration(context, max) {
    const asked = context.call.durationSeconds;
    const limit = max === undefined
        ? "the role's `MaxSessionDuration`"
        : `the role's \`MaxSessionDuration\` of ${max} seconds (read with \`iam:GetRole\`)`;
    return {
        title: "duration_seconds is above the role's maximum session duration",
        reason: `it asks for ${durationWords(context.call)}, above ${limit}`,
        fix: `Set \`duration_seconds\` in profile "${(0,markdown/* escapeText */.X1)(context.profile)}" to ${max ?? "the role's maximum"} or less, or raise the role's maximum (up to 43200): ${(0,markdown/* code */.aY)(`aws iam update-role --role-name ${(0,quoting/* shellArg */.JP)(context.roleName)} --max-session-duration ${asked ?? 43200}`)}.`,
        ...(max === undefined || asked === undefined
            ? {}
            : { evidence: [`requested ${asked} s > MaxSessionDuration ${max} s`] })
    };
}
function durationBounds(context) {
    return {
        title: 'duration_seconds is outside what STS accepts',
        reason: `it asks for ${durationWords(context.call)}; STS takes 900 to 43200 seconds`,
        fix: `Set \`duration_seconds\` in profile "${(0,markdown/* escapeText */.X1)(context.profile)}" to a whole number from 900 to the role's maximum session duration (at most 43200), or remove it (the default is 3600).`
    };
}
function trustStatement(caller, extra = '') {
    const principal = caller === undefined ? 'SOURCE_ARN' : caller;
    return (0,markdown/* code */.aY)(`{"Effect": "Allow", "Principal": {"AWS": "${principal}"}, "Action": "sts:AssumeRole"${extra}}`);
}
function roleMissing(context) {
    return {
        title: 'the role does not exist',
        reason: `iam:GetRole answers NoSuchEntity: there is no role ${(0,markdown/* code */.aY)(context.roleName)} in the role's account (STS answers a missing role with the same AccessDenied as an untrusting one)`,
        fix: `Correct \`role_arn\` in profile "${(0,markdown/* escapeText */.X1)(context.profile)}": it names ${(0,markdown/* code */.aY)(context.call.roleArn)}, which does not exist. List the account's roles with ${(0,markdown/* code */.aY)('aws iam list-roles --query "Roles[].Arn"')}.`
    };
}
function externalIdMissing(context) {
    return {
        title: 'the role requires an external ID the profile does not send',
        reason: `the role's trust policy (read with \`iam:GetRole\`) admits the source identity only with an \`sts:ExternalId\` condition, and profile "${(0,markdown/* escapeText */.X1)(context.profile)}" has no \`external_id\`, so none was sent`,
        fix: `Add \`external_id = …\` to profile "${(0,markdown/* escapeText */.X1)(context.profile)}" with the value the role's owner gave you (the value the trust policy's \`sts:ExternalId\` condition names).`
    };
}
function externalIdMismatch(context) {
    return {
        title: 'its external_id is not the one the role requires',
        reason: `the role's trust policy (read with \`iam:GetRole\`) admits the source identity only with an \`sts:ExternalId\` condition, and the \`external_id\` profile "${(0,markdown/* escapeText */.X1)(context.profile)}" sends differs from it (neither value is shown)`,
        fix: `Set \`external_id\` in profile "${(0,markdown/* escapeText */.X1)(context.profile)}" to the value the role's trust policy names in its \`sts:ExternalId\` condition (ask the role's owner; the value is compared case-sensitively).`
    };
}
function notNamed(context, caller) {
    const shown = caller === undefined ? 'the source identity' : (0,markdown/* code */.aY)(caller);
    return {
        title: "the role's trust policy does not admit the source identity",
        reason: `no statement of the role's trust policy (read with \`iam:GetRole\`) that allows \`sts:AssumeRole\` names ${shown}, its role or its account`,
        fix: `Add a statement to the trust policy of ${(0,markdown/* code */.aY)(context.roleName)} (IAM → Roles → ${(0,markdown/* escapeText */.X1)(context.roleName)} → Trust relationships): ${trustStatement(caller)}. Or point ${sourceWords(context.facts.selected)} at the identity the role does trust.`
    };
}
function ownPolicy(context, caller) {
    const shown = caller === undefined ? 'the source identity' : (0,markdown/* code */.aY)(caller);
    return {
        title: "the source identity's own policy does not allow sts:AssumeRole",
        reason: `the role's trust policy (read with \`iam:GetRole\`) admits ${shown} through its account, which leaves the decision to that identity's own IAM policy, and it does not allow \`sts:AssumeRole\` on the role (or a permissions boundary or an organization's SCP denies it)`,
        fix: `Allow \`sts:AssumeRole\` on ${(0,markdown/* code */.aY)(context.call.roleArn)} in the IAM policy of ${shown}, or name it in the role's trust policy by its ARN: ${trustStatement(caller)}.`
    };
}
function otherDenial(context, verdict, caller) {
    const conditions = verdict.kind === 'conditions'
        ? `admits the source identity only under conditions on ${verdict.keys.map(key => (0,markdown/* code */.aY)(key)).join(', ')}, which this request does not meet`
        : 'admits the source identity by its ARN';
    return {
        title: 'STS answered AccessDenied',
        reason: `the role's trust policy (read with \`iam:GetRole\`) ${conditions}${verdict.kind === 'admitted' ? ', so a Deny elsewhere (a permissions boundary, an organization SCP, a Deny statement of the trust policy) refuses it' : ''}`,
        fix: `Compare the trust policy of ${(0,markdown/* code */.aY)(context.roleName)} with the request: ${caller === undefined ? 'the source identity' : (0,markdown/* code */.aY)(caller)}, session name ${(0,markdown/* code */.aY)(context.call.roleSessionName ?? '')}${context.call.externalId === undefined ? ', no external ID' : ', an external ID'}.`
    };
}
function unreadDenial(context, caller, reason) {
    const shown = caller === undefined ? 'the source identity' : (0,markdown/* code */.aY)(caller);
    const externalId = context.call.externalId === undefined
        ? ' The profile sends no `external_id`: if the role requires one (an `sts:ExternalId` condition), add it.'
        : ' If the role requires an external ID, check that `external_id` is the value its trust policy names.';
    return {
        title: 'STS answered AccessDenied',
        reason: `the role does not admit ${shown}, or does not exist (STS answers both alike; the role could not be read: ${unreadWords(reason)})`,
        fix: `Check that \`role_arn\` names the role you mean, then let its trust policy admit the source identity: a statement ${trustStatement(caller)} (or its account, \`arn:aws:iam::ACCOUNT:root\`, in which case that identity's own IAM policy must also allow \`sts:AssumeRole\` on ${(0,markdown/* code */.aY)(context.call.roleArn)}).${externalId} Allow \`iam:GetRole\` on the role to the source credentials to have the cause told apart.`
    };
}
function otherCause(context) {
    return {
        title: `STS answered ${context.call.refusal.code}`,
        reason: 'STS gave a reason this action does not explain further',
        fix: `Run the same chain by hand to see the same answer: ${(0,markdown/* code */.aY)(`aws sts get-caller-identity --profile ${(0,quoting/* shellArg */.JP)(context.profile)}`)}.`
    };
}
/**
 * What has to change before a re-run can pass, per cause: the role profile's no-credentials is
 * about the profile or the role, not about secrets, whatever the ID says in general.
 */
const MUST_CHANGE = {
    'source-refused': "the source profile's credentials",
    'session-name-invalid': "the profile's `role_session_name`",
    'chained-duration': "the profile's `duration_seconds`",
    'max-duration': "the profile's `duration_seconds` or the role's maximum session duration",
    'duration-bounds': "the profile's `duration_seconds`",
    'role-missing': "the profile's `role_arn`",
    'external-id-missing': "the profile's `external_id`",
    'external-id-mismatch': "the profile's `external_id`",
    'not-named': "the role's trust policy",
    'own-policy': "the source identity's IAM policy",
    'other-denial': "the role's trust policy or the policies that deny the call",
    'unread-denial': "the role's trust policy or the profile's `role_arn`",
    other: 'the profile or the role it assumes'
};
/** The cause in words: one case per cause, so a cause without words does not compile. */
function causeWords(context, cause) {
    switch (cause.kind) {
        case 'source-refused':
            return sourceRefused(context);
        case 'session-name-invalid':
            return sessionNameInvalid(context);
        case 'chained-duration':
            return chainedDuration(context);
        case 'max-duration':
            return maxDuration(context, cause.max);
        case 'duration-bounds':
            return durationBounds(context);
        case 'role-missing':
            return roleMissing(context);
        case 'external-id-missing':
            return externalIdMissing(context);
        case 'external-id-mismatch':
            return externalIdMismatch(context);
        case 'not-named':
            return notNamed(context, cause.caller);
        case 'own-policy':
            return ownPolicy(context, cause.caller);
        case 'other-denial':
            return otherDenial(context, cause.verdict, cause.caller);
        case 'unread-denial':
            return unreadDenial(context, cause.caller, cause.reason);
        case 'other':
            return otherCause(context);
    }
}
/** The request the chain sent, as evidence: never the external ID's value. */
function requestEvidence(call) {
    const parts = [
        `RoleArn ${(0,markdown/* code */.aY)(call.roleArn)}`,
        `RoleSessionName ${(0,markdown/* code */.aY)(call.roleSessionName ?? '')}`,
        `DurationSeconds ${call.durationSeconds ?? 'not sent'}`,
        `ExternalId ${call.externalId === undefined ? 'not sent' : 'sent (not shown)'}`,
        `signed with ${call.caller?.sessionToken === undefined ? 'long-term keys' : "a session's credentials"}`
    ];
    return `AssumeRole request: ${parts.join(', ')}`;
}
function roleEvidence(role) {
    if (role.state === 'missing')
        return 'iam:GetRole: NoSuchEntity';
    if (role.state === 'unread')
        return `iam:GetRole: not read (${unreadWords(role.reason)})`;
    return `iam:GetRole: MaxSessionDuration ${role.maxSessionDuration ?? 'not given'} s, trust policy read`;
}
/** Where the refused role is an inner link of the profile's chain, which one it is. */
function linkWords(facts, call) {
    const own = facts.selected.details.roleArn;
    return own === undefined || own === call.roleArn
        ? `its AssumeRole call into ${(0,markdown/* code */.aY)(call.roleArn)}`
        : `the AssumeRole call into ${(0,markdown/* code */.aY)(call.roleArn)}, a role its \`source_profile\` chain assumes on the way to ${(0,markdown/* code */.aY)(own)}`;
}
function roleRefusalFinding(facts) {
    const call = refusedCall(facts.calls);
    if (call === undefined)
        return undefined;
    const profile = facts.selected.profile ?? 'default';
    const context = { call, facts, profile, roleName: roleNameOf(call.roleArn) };
    const refusal = refusalCause(call, facts.role);
    const cause = causeWords(context, refusal);
    const detail = `${call.refusal.code}: ${call.refusal.message}`;
    return (0,src_findings/* finding */.gk)('no-credentials', {
        title: `Profile "${(0,markdown/* escapeText */.X1)(profile)}" could not assume its role: ${cause.title}`,
        source: facts.selected.label,
        message: `The AWS SDK read the ${(0,markdown/* escapeText */.X1)(facts.selected.label)}, but STS refused ${linkWords(facts, call)}, made with the credentials of ${sourceWords(facts.selected)}: ${cause.reason}. STS answered ${(0,markdown/* code */.aY)(detail)}. No credentials came of it, so nothing else could be checked with STS.`,
        remediation: cause.fix,
        mustChange: MUST_CHANGE[refusal.kind],
        evidence: [
            `STS answered ${(0,markdown/* code */.aY)(detail)}`,
            requestEvidence(call),
            roleEvidence(facts.role),
            ...(cause.evidence ?? [])
        ]
    });
}
/**
 * The finding for a role profile's refused AssumeRole, where the chain recorded one: the role
 * read first where that can tell the cause apart (and `check-iam` allows IAM look-ups).
 */
async function explainRoleRefusal(discovery, calls, options) {
    const facts = await roleRefusalFacts(discovery, calls, options);
    return facts === undefined ? undefined : roleRefusalFinding(facts);
}

// EXTERNAL MODULE: ./src/aws/credential-source.ts
var credential_source = __webpack_require__(6748);
// EXTERNAL MODULE: ./src/report/fall-through.ts
var fall_through = __webpack_require__(7117);
// EXTERNAL MODULE: ./src/aws/endpoint-override.ts
var endpoint_override = __webpack_require__(5089);
;// CONCATENATED MODULE: ./src/aws/validated-for.ts
const VALIDATED_CHECK = 'Credentials validated';
/** Where the tools part ways over the profile the action used; else nothing. */
function profileSplit(discovery) {
    const { origin, name } = discovery.profile;
    if (origin.kind !== 'env' || origin.name !== 'AWS_DEFAULT_PROFILE')
        return undefined;
    // Only where the profile is what the action used: key variables beat it for both tools.
    if (discovery.selected?.profile !== name)
        return undefined;
    const js = discovery.tools?.jsSdk;
    if (js === undefined || js.profile === name)
        return undefined;
    return { profile: name, jsSdk: js };
}

// EXTERNAL MODULE: ./src/report/words/usage.ts
var usage = __webpack_require__(263);
;// CONCATENATED MODULE: ./src/report/validated-for.ts
/**
 * The words of the "Credentials validated" check line, from the facts src/aws/validated-for.ts
 * finds: the profile the AWS CLI uses (and the action validated), and what the JS SDK uses.
 */



/** The check line for a profile the tools part ways over. */
function profileSplitLine(split) {
    return {
        name: VALIDATED_CHECK,
        outcome: 'info',
        detail: `the AWS CLI's: profile "${(0,markdown/* escapeText */.X1)(split.profile)}", which ${(0,markdown/* code */.aY)('AWS_DEFAULT_PROFILE')} names. Not the AWS SDK for JavaScript's: it ignores ${(0,markdown/* code */.aY)('AWS_DEFAULT_PROFILE')} and ${(0,usage/* describeUse */.pt)(split.jsSdk)}; a Node-based step of this job does not use what was validated.`
    };
}
/** The check line saying so, where the tools part ways over the profile; else nothing. */
function validatedFor(discovery) {
    const split = profileSplit(discovery);
    return split === undefined ? undefined : profileSplitLine(split);
}

// EXTERNAL MODULE: ./src/aws/classify.ts + 1 modules
var classify = __webpack_require__(4653);
// EXTERNAL MODULE: ./src/aws/credentials.ts + 1 modules
var aws_credentials = __webpack_require__(9125);
// EXTERNAL MODULE: ./src/aws/credential-process.ts
var credential_process = __webpack_require__(3732);
;// CONCATENATED MODULE: ./src/report/process-finding.ts
/**
 * The one home of `credential-process-failed`'s words: the finding for a profile's
 * `credential_process` that gave no credentials, built from what the process answered
 * (src/aws/credential-process.ts): never its output, only its exit status, the sizes of what it
 * wrote, what is wrong with its JSON, and how long it ran.
 */



const SHAPE = '`{"Version": 1, "AccessKeyId": "…", "SecretAccessKey": "…", "SessionToken": "…", "Expiration": "2026-01-01T00:00:00Z"}` (`SessionToken` and `Expiration` optional)';
const TITLES = {
    'spawn-failed': 'The credential_process could not be started',
    'exit-status': 'The credential_process failed',
    killed: 'The credential_process was killed',
    timeout: 'The credential_process did not finish in time',
    'no-output': 'The credential_process printed nothing',
    'not-json': 'The credential_process did not print JSON',
    'wrong-version': 'The credential_process printed JSON without "Version": 1',
    'missing-fields': 'The credential_process printed JSON without a key pair',
    'bad-expiration': 'The credential_process printed an unreadable Expiration',
    expired: 'The credential_process printed expired credentials'
};
function remediation(problem, run) {
    const byHand = 'Run the command by hand on the runner, as the user the runner service runs as and with stdin closed (`… < /dev/null`).';
    const stderr = run.stderrBytes > 0
        ? " Read its stderr there, not in the job log: the AWS CLI prints a failing process's stderr verbatim, secrets included."
        : '';
    switch (problem) {
        case 'spawn-failed':
        case 'exit-status':
            return `${byHand} Give the program by absolute path: the runner service's \`PATH\` is often shorter than a login shell's. A process that needs a login (a browser, a password, an MFA code) cannot run unattended in CI; use OIDC (\`role-to-assume\`) or the runner's instance or container role instead.${stderr}`;
        case 'killed':
            return `${byHand} Something ended it (an out-of-memory kill, a sandbox).${stderr}`;
        case 'timeout':
            // botocore's ProcessProvider (`communicate()`) and the JS SDK's fromProcess (`exec`)
            // set no time limit (read in their sources; __tests__/differential/credential-process.test.ts).
            return `${byHand} A process that waits for input, a lock, a browser or a slow network never finishes in CI, and neither the AWS CLI nor the JS SDK puts a time limit on it: in a later step it holds the job until its \`timeout-minutes\`. Raise \`timeout-seconds\` only if it is known to be slow.${stderr}`;
        case 'no-output':
        case 'not-json':
            return `The process must print exactly one JSON object on stdout and nothing else: write logs and prompts to stderr. The SDKs expect ${SHAPE}.${stderr}`;
        case 'wrong-version':
        case 'missing-fields':
        case 'bad-expiration':
            return `The SDKs accept only ${SHAPE}, with these exact field names.`;
        case 'expired':
            return 'The process handed out credentials from a stale cache: make it refresh them (or clear its cache) before they expire. The SDKs refuse credentials whose `Expiration` has passed.';
    }
}
function credentialProcessFinding(outcome, source) {
    const command = source?.details.process ?? 'the command';
    const from = source === undefined ? 'the profile' : `the ${(0,markdown/* escapeText */.X1)(source.label)}`;
    const run = (0,credential_process/* describeRun */.vZ)(outcome.run);
    return (0,src_findings/* finding */.gk)('credential-process-failed', {
        title: TITLES[outcome.problem],
        ...(source === undefined ? {} : { source: source.label }),
        message: `The AWS SDK runs the \`credential_process\` of ${from} (${command}) to get this job's credentials, and ${outcome.detail}. The SDK would report only "Could not load credentials from any providers". Nothing could be checked with STS.`,
        remediation: remediation(outcome.problem, outcome.run),
        evidence: [`ran: ${command}`, `answered: ${run}`]
    });
}

// EXTERNAL MODULE: ./src/aws/imds.ts
var imds = __webpack_require__(4806);
;// CONCATENATED MODULE: ./src/aws/imds-finding.ts
/**
 * The finding for an EC2 instance metadata service that gave no credentials (or gave them only
 * through IMDSv1), built from what each request answered (src/aws/imds.ts): what was asked,
 * the HTTP status or the lack of an answer, and how long it took. Never the credentials.
 */



const HOP_LIMIT_FIX = "Let the token's answer reach the container: `aws ec2 modify-instance-metadata-options --instance-id i-… --http-put-response-hop-limit 2 --http-endpoint enabled` (or `HttpPutResponseHopLimit: 2` in the launch template). With hop limit 1, the answer to IMDSv2's `PUT` dies one hop short of a Docker container, while `GET`s still arrive. Alternatively run the job container with `--network host`.";
const imds_finding_TITLES = {
    unreachable: 'The instance metadata service did not answer',
    'token-refused': 'The instance metadata service refused the IMDSv2 token request',
    'hop-limit': "IMDSv2's token answer never reached the job (hop limit 1)",
    'v1-blocked': 'IMDSv2 gave no token and the fallback to IMDSv1 is disabled',
    'no-instance-profile': 'The instance has no instance profile (IAM role)',
    'error-status': 'The instance metadata service answered with an error',
    'bad-answer': 'The instance metadata service answered credentials the SDK cannot read',
    expired: 'The instance metadata service answered expired credentials'
};
function explanation(problem, status) {
    switch (problem) {
        case 'unreachable':
            return `nothing answered within the SDK's ${imds/* IMDS_TIMEOUT_MS */.fq} ms per request: this runner is not an EC2 instance, or its metadata service is switched off (\`--http-endpoint disabled\`) or firewalled`;
        case 'token-refused':
            return 'it answered the IMDSv2 token request with HTTP 400, and the SDK stops there';
        case 'hop-limit':
            return "the IMDSv2 token request (`PUT`) got no answer in time while the instance answered the `GET` that followed with HTTP 401: the instance requires IMDSv2 tokens, and the token's answer is lost on the way, the classic hop-limit-1 trap inside a container";
        case 'v1-blocked':
            return `the IMDSv2 token request got ${status === undefined ? 'no answer in time' : `HTTP ${status}`}, and \`AWS_EC2_METADATA_V1_DISABLED\` forbids the SDK to fall back to IMDSv1`;
        case 'no-instance-profile':
            return 'the role list (`/latest/meta-data/iam/security-credentials/`) answered HTTP 404: no IAM role is attached to this instance';
        case 'error-status':
            return `it answered HTTP ${status ?? 'with an error'}`;
        case 'bad-answer':
            return 'its credentials are not the JSON the SDK expects (`AccessKeyId`, `SecretAccessKey`, `Token` and `Expiration`, all strings)';
        case 'expired':
            return "the credentials' `Expiration` has passed";
    }
}
function imds_finding_remediation(problem) {
    switch (problem) {
        case 'unreachable':
            return 'On EC2, check the instance metadata options (`aws ec2 describe-instances --query "Reservations[].Instances[].MetadataOptions"`: `HttpEndpoint` must be `enabled`) and that no firewall or proxy drops `169.254.169.254`. Off EC2, give the job credentials another way: OIDC (`role-to-assume`) or a profile.';
        case 'hop-limit':
        case 'v1-blocked':
            return HOP_LIMIT_FIX;
        case 'no-instance-profile':
            return 'Attach an instance profile with the role the job needs: `aws ec2 associate-iam-instance-profile --instance-id i-… --iam-instance-profile Name=…` (an instance profile, not the role itself, and one per instance).';
        case 'token-refused':
        case 'error-status':
        case 'bad-answer':
            return 'Check what stands at the metadata address: `AWS_EC2_METADATA_SERVICE_ENDPOINT` may point at something other than IMDS, or a proxy or metadata emulator answers for it.';
        case 'expired':
            return "The instance role's credentials are refreshed by EC2 itself: stale ones point at a metadata emulator or a cache in front of IMDS, or a runner clock far off (`timedatectl`).";
    }
}
function evidence(outcome, endpoint) {
    return [
        `asked: ${(0,markdown/* code */.aY)(endpoint)}`,
        ...outcome.exchanges.map(exchange => `answered: ${(0,imds/* describeExchange */.Nu)(exchange)}`)
    ];
}
/**
 * Neither tool refuses expired instance role credentials: the JS SDK's chain hands them on, and
 * botocore extends them by a few minutes (`_evaluate_expiration`, its static stability); STS
 * refuses them (measured: __tests__/differential/instance-metadata.test.ts).
 */
const EXPIRED_WORDS = 'Neither the JS SDK nor the AWS CLI v1 refuses them (each lets them run a few minutes past their `Expiration` while IMDS is not renewing them): each signs with them, and STS answers `ExpiredToken`, "The security token included in the request is expired".';
/** What the tools say: both only that they found nothing, in their own words, where measured. */
function toolWords(problem) {
    if (problem === 'expired')
        return EXPIRED_WORDS;
    const js = 'The SDK would report only "Could not load credentials from any providers"';
    // Measured in __tests__/differential/instance-metadata.test.ts.
    return problem === 'hop-limit' || problem === 'no-instance-profile'
        ? `${js}, and the AWS CLI v1 only "Unable to locate credentials".`
        : `${js}.`;
}
function instanceMetadataFinding(outcome, endpoint, source) {
    return (0,src_findings/* finding */.gk)('instance-metadata-failed', {
        title: imds_finding_TITLES[outcome.problem],
        ...(source === undefined ? {} : { source: source.label }),
        message: `The AWS SDK asks the EC2 instance metadata service (${endpoint}) for this job's credentials, and ${explanation(outcome.problem, outcome.status)}. ${toolWords(outcome.problem)} Nothing could be checked with STS.`,
        remediation: imds_finding_remediation(outcome.problem),
        evidence: evidence(outcome, endpoint)
    });
}
/** The job works, but only over IMDSv1: slower by a timeout, and broken where v1 is switched off. */
function imdsFallbackFinding(outcome, endpoint, source) {
    if (outcome.v1Fallback === undefined)
        return [];
    const timedOut = outcome.v1Fallback === 'token-timeout';
    return [
        (0,src_findings/* finding */.gk)('instance-metadata-failed', {
            severity: 'notice',
            title: timedOut
                ? "IMDSv2's token answer never reached the job: credentials came over IMDSv1"
                : 'The instance metadata service gives no IMDSv2 token: credentials came over IMDSv1',
            ...(source === undefined ? {} : { source: source.label }),
            message: `The instance role's credentials were obtained, but ${timedOut ? `the IMDSv2 token request got no answer within ${imds/* IMDS_TIMEOUT_MS */.fq} ms (every SDK call that refreshes them waits that long)` : 'the token request was refused (HTTP 403, 404 or 405)'} and the SDK fell back to IMDSv1. This does not fail the step; it fails as soon as the instance requires IMDSv2 (\`--http-tokens required\`) or a tool sets \`AWS_EC2_METADATA_V1_DISABLED\`.`,
            remediation: timedOut
                ? HOP_LIMIT_FIX
                : 'Check what answers at the metadata address: real EC2 instances serve IMDSv2 tokens.',
            evidence: evidence(outcome, endpoint)
        })
    ];
}

// EXTERNAL MODULE: ./src/aws/container.ts
var container = __webpack_require__(6906);
// EXTERNAL MODULE: ./src/discover/container.ts
var discover_container = __webpack_require__(1540);
;// CONCATENATED MODULE: ./src/aws/container-finding.ts

/** The hosts the JS SDK's fallback provider (`fromContainerMetadata`) accepts in a full URI. */
const FALLBACK_HOSTS = new Set(['localhost', '127.0.0.1']);
/** The host of the URI as the JS SDK reads it, or undefined where it is no URL. */
function hostOf(url) {
    try {
        return new URL(url).hostname;
    }
    catch {
        return undefined;
    }
}
/**
 * The host the fallback provider refuses, ending the chain with its refusal; undefined where
 * the chain ends with the SDK's "Could not load credentials from any providers".
 */
function fallbackRefusedHost(outcome, endpoint) {
    const asked = outcome.problem !== 'not-a-url' && outcome.problem !== 'host-refused';
    const host = hostOf(endpoint.url);
    if (!asked || endpoint.variable !== discover_container/* CONTAINER_ENV */.mq.fullUri || host === undefined)
        return undefined;
    return FALLBACK_HOSTS.has(host) ? undefined : host;
}

;// CONCATENATED MODULE: ./src/report/container-finding.ts
/**
 * The one home of `container-credentials-failed`'s words: the finding for a container
 * credentials endpoint that gave no credentials, built from what it answered
 * (src/aws/container.ts): what was asked, the status or the lack of an answer, in how long, and
 * which of the token variable or token file was sent. Never the token, never the credentials.
 */






const container_finding_TITLES = {
    'not-a-url': 'The container credentials URI is not a URL',
    'host-refused': 'The SDK refuses to call this container credentials host',
    'token-file': 'The container authorization token file cannot be read',
    'token-invalid': 'The container authorization token cannot be sent in a header',
    unauthorized: 'The container credentials endpoint refused the authorization token',
    'not-found': 'The container credentials endpoint has no credentials at this path',
    'error-status': 'The container credentials endpoint answered with an error',
    unreachable: 'The container credentials endpoint could not be reached',
    timeout: 'The container credentials endpoint did not answer in time',
    'bad-answer': 'The container credentials endpoint answered credentials the SDK cannot read',
    expired: 'The container credentials endpoint answered expired credentials'
};
/** Which header source was used, by name only. */
function tokenSource(endpoint) {
    const authorization = endpoint.authorization;
    if (authorization === undefined)
        return 'no `Authorization` header (neither `AWS_CONTAINER_AUTHORIZATION_TOKEN` nor `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` is set)';
    return authorization.kind === 'file'
        ? `the token read from \`AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE\` (${(0,markdown/* code */.aY)(authorization.path)})`
        : 'the token in `AWS_CONTAINER_AUTHORIZATION_TOKEN`';
}
/** What the endpoint did, as the message's second half says it, by problem. */
const EXPLANATIONS = {
    'not-a-url': (_, endpoint) => `\`${endpoint.variable}\` does not make a URL, and the SDK stops there`,
    'host-refused': (_, endpoint) => `the SDK sends plain \`http:\` only to loopback (127.0.0.0/8, \`localhost\`, \`[::1]\`), 169.254.170.2 (ECS), 169.254.170.23 or \`[fd00:ec2::23]\` (EKS Pod Identity), and refuses this host before asking it ("URL not accepted"). ${cliVerdict(endpoint)}`,
    'token-file': outcome => `\`AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE\` names a file that cannot be read (${(0,markdown/* escapeText */.X1)(outcome.detail ?? 'unreadable')})`,
    'token-invalid': (_, endpoint) => `${tokenSource(endpoint)} holds a line break or control character, which the SDK refuses to send`,
    unauthorized: (outcome, endpoint) => `it answered HTTP ${outcome.status ?? 403} to ${tokenSource(endpoint)}: the token is missing, wrong or stale`,
    'not-found': () => 'it answered HTTP 404: nothing serves credentials at this path (a relative URI from another task, or an agent that does not know this pod)',
    'error-status': outcome => `it answered HTTP ${outcome.status ?? '?'}`,
    unreachable: () => 'nothing accepted the connection',
    timeout: () => `nothing answered within the SDK's ${container/* CONTAINER_TIMEOUT_MS */.Vo} ms per request (the SDK retries ${container/* CONTAINER_RETRIES */.r1} times, 1 s apart)`,
    'bad-answer': () => 'its answer is not the JSON the SDK expects (`AccessKeyId`, `SecretAccessKey`, `Token` and `Expiration`, all strings)',
    expired: () => "the credentials' `Expiration` has passed"
};
/** What the AWS CLI v1 does with the same URI (src/discover/container.ts has its rule). */
function cliVerdict(endpoint) {
    const refused = (0,discover_container/* cliRefusedHost */.lS)(endpoint.url);
    return refused === undefined
        ? 'The AWS CLI v1 would call it'
        : `The AWS CLI v1 refuses it too, with "Unsupported host ${(0,markdown/* code */.aY)(`'${refused}'`)}": ${discover_container/* CLI_CONTAINER_RULE */.Il}`;
}
/** What the JS SDK's chain ends with (src/aws/container-finding.ts finds it). */
function jsWords(outcome, endpoint) {
    const host = fallbackRefusedHost(outcome, endpoint);
    if (host !== undefined)
        return `The JS SDK would report only ${(0,markdown/* code */.aY)(`${host} is not a valid container metadata service hostname`)}, its fallback provider's refusal, which does not say what the endpoint answered.`;
    return 'The SDK would report only "Could not load credentials from any providers".';
}
/**
 * What each tool says of the endpoint's answer, as measured against both real tools
 * (__tests__/differential/container-hosts.test.ts): the CLI (botocore's
 * `ContainerMetadataFetcher`) quotes any status but 200 and the body after it; it refuses
 * expired credentials itself, where the JS SDK signs with them.
 */
function sdkWords(outcome, endpoint) {
    if (outcome.problem === 'expired')
        return 'The JS SDK does not refuse them: it signs with them, and STS answers that the security token is expired. The AWS CLI v1 stops with "Credentials were refreshed, but the refreshed credentials are still expired."';
    const js = jsWords(outcome, endpoint);
    if (outcome.problem === 'token-invalid')
        return `${js} The AWS CLI v1 stops with "Auth token value is not a legal header value".`;
    return outcome.status !== undefined && outcome.status !== 200
        ? `${js} The AWS CLI v1 says "Received non 200 response ${outcome.status} from container metadata", followed by the endpoint's answer.`
        : js;
}
function container_finding_explanation(outcome, endpoint) {
    return EXPLANATIONS[outcome.problem](outcome, endpoint);
}
const FIXES = "On ECS, give the task definition a `taskRoleArn` (the agent serves it at `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI`, which must be passed into a job container unchanged). On CodeBuild, check the project's service role. On EKS, check that the Pod Identity agent runs on the node (`kubectl get pods -n kube-system -l app.kubernetes.io/name=eks-pod-identity-agent`) and that a pod identity association exists for the service account (`aws eks list-pod-identity-associations --cluster-name …`); its token file (`/var/run/secrets/pods.eks.amazonaws.com/serviceaccount/eks-pod-identity-token`) must be mounted.";
function container_finding_remediation(problem) {
    switch (problem) {
        case 'not-a-url':
        case 'host-refused':
            return 'Point `AWS_CONTAINER_CREDENTIALS_FULL_URI` at an address the SDK accepts (use `https:` for any other host), or unset it where no container credentials are meant to be used.';
        case 'token-file':
        case 'token-invalid':
        case 'unauthorized':
            return `Pass the token the agent issued, unchanged: on EKS, \`AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE\` must name the projected token file mounted in the pod; elsewhere \`AWS_CONTAINER_AUTHORIZATION_TOKEN\` must hold the token the endpoint expects. ${FIXES}`;
        default:
            return FIXES;
    }
}
function containerFinding(outcome, endpoint, display, source) {
    return (0,src_findings/* finding */.gk)('container-credentials-failed', {
        title: container_finding_TITLES[outcome.problem],
        ...(source === undefined ? {} : { source: source.label }),
        message: `The AWS SDK asks the container credentials endpoint (${(0,markdown/* code */.aY)(display)}, from \`${endpoint.variable}\`) for this job's credentials, and ${container_finding_explanation(outcome, endpoint)}. ${sdkWords(outcome, endpoint)} Nothing could be checked with STS.`,
        remediation: container_finding_remediation(outcome.problem),
        evidence: [
            `asked: ${(0,markdown/* code */.aY)(display)} with ${tokenSource(endpoint)}`,
            ...outcome.exchanges.map(exchange => `answered: ${(0,imds/* describeExchange */.Nu)(exchange)}`)
        ]
    });
}
/**
 * The request with the token file failed, and the JS SDK's fallback provider got credentials
 * without it: JS-based tools work, the AWS CLI v1 (which reads only the file) does not. A
 * warning, not an error: the job's Node tools have credentials.
 */
function containerFallbackFinding(outcome, endpoint, display, source) {
    const failed = outcome.fallback;
    if (failed === undefined)
        return [];
    const sent = endpoint.fallbackToken === undefined
        ? 'no `Authorization` header'
        : 'the token in `AWS_CONTAINER_AUTHORIZATION_TOKEN`';
    return [
        (0,src_findings/* finding */.gk)('container-credentials-failed', {
            severity: 'warning',
            title: 'The container token file does not work: only the JS SDK got credentials, by its fallback',
            ...(source === undefined ? {} : { source: source.label }),
            message: `The JS SDK's container provider (\`fromHttp\`) asked ${(0,markdown/* code */.aY)(display)} with ${tokenSource(endpoint)}, and ${container_finding_explanation(failed, endpoint)}. Its fallback provider (\`fromContainerMetadata\`, which never reads the token file) then asked again with ${sent}, and got credentials: tools built on the JS SDK work. The AWS CLI v1 uses only the token file, and fails with it.`,
            remediation: container_finding_remediation(failed.problem),
            evidence: [
                `asked: ${(0,markdown/* code */.aY)(display)} with ${tokenSource(endpoint)}`,
                ...outcome.exchanges.map(exchange => `answered: ${(0,imds/* describeExchange */.Nu)(exchange)}`)
            ]
        })
    ];
}

// EXTERNAL MODULE: ./src/aws/sso-portal.ts
var sso_portal = __webpack_require__(7877);
;// CONCATENATED MODULE: ./src/report/sso-portal.ts
/**
 * The one home of `sso-portal-refused`'s words, and of the SSO portal's line in the sources
 * table, from the facts src/aws/sso-portal.ts finds: the portal's code and message, and which
 * profile asked it for which role.
 */




function wordsFor(refusal, account, role) {
    switch (refusal.code) {
        case 'UnauthorizedException':
            return {
                title: 'The SSO portal refused the cached login: it was revoked or ended on the server',
                why: 'The cached access token has not expired by its own `expiresAt`, but the portal no longer accepts it: the session was ended in IAM Identity Center (signed out, the user disabled or removed, the session duration lowered), or the cache was copied from another machine. The AWS CLI says "The SSO session associated with this profile has expired or is otherwise invalid".',
                fix: 'A fresh `aws sso login` on this runner would renew it, but nobody can complete that login in CI.'
            };
        case 'ForbiddenException':
            return {
                title: `The SSO user has no access to role ${role} in account ${account}`,
                why: `The login is valid, but IAM Identity Center assigns the user no permission set named ${(0,markdown/* code */.aY)(role)} in account ${(0,markdown/* code */.aY)(account)}.`,
                fix: `Assign the permission set to the user or a group of theirs for account ${(0,markdown/* code */.aY)(account)} (IAM Identity Center → AWS accounts → the account → Assign users or groups), or set \`sso_role_name\` / \`sso_account_id\` to an assignment the user has: \`aws sso list-account-roles --account-id ${account} --access-token …\` lists them on a machine where the user is signed in.`
            };
        case 'ResourceNotFoundException':
            return {
                title: `The SSO portal knows no role ${role} in account ${account}`,
                why: `The login is valid, but the portal found no permission set ${(0,markdown/* code */.aY)(role)} provisioned in account ${(0,markdown/* code */.aY)(account)}: a misspelt \`sso_role_name\` (it is the permission set's name, not an IAM role ARN) or \`sso_account_id\`, or an assignment that was removed.`,
                fix: 'Check `sso_account_id` (12 digits) and `sso_role_name` (the permission set name, letter case included) against `aws sso list-accounts` and `aws sso list-account-roles` on a machine where the user is signed in.'
            };
        case 'TooManyRequestsException':
            return {
                title: 'The SSO portal throttled GetRoleCredentials',
                why: 'The portal answered 429: too many credential requests for this login at once (a large matrix of jobs sharing one cached login).',
                fix: 'Re-run the job, or give each job its own credentials: the SDK caches the role credentials only within one process.'
            };
        case 'InvalidRequestException':
            return {
                title: 'The SSO portal rejected the GetRoleCredentials request',
                why: 'The portal judged the request malformed: typically an `sso_account_id` that is not 12 digits or an empty `sso_role_name`.',
                fix: "Correct the profile's `sso_account_id` and `sso_role_name`."
            };
    }
}
/**
 * The SSO login is a person's: even a working one expires within hours and cannot be renewed
 * unattended, so the lasting fix is not SSO in CI.
 */
const UNATTENDED = 'For CI, prefer credentials that need no person: OIDC (`aws-actions/configure-aws-credentials` with `role-to-assume` and `permissions: id-token: write`), or an instance or container role on a self-hosted runner.';
/** The finding for the portal's refusal, in words. */
function portalRefusedFinding(refusal, ask) {
    const { sso, selected } = ask;
    const account = ask.account ?? '(unknown)';
    const role = ask.role ?? '(unknown)';
    const words = wordsFor(refusal, account, role);
    const where = ask.region === undefined ? 'the SSO portal' : `the SSO portal of ${(0,markdown/* code */.aY)(ask.region)}`;
    const said = `${refusal.code}: ${refusal.message}`;
    return (0,src_findings/* finding */.gk)('sso-portal-refused', {
        title: words.title,
        ...(selected === undefined ? {} : { source: selected.label }),
        message: `The AWS SDK read the ${(0,markdown/* escapeText */.X1)(sso?.label ?? 'SSO profile')}${sso !== selected && selected !== undefined ? ` (the \`source_profile\` chain of the ${(0,markdown/* escapeText */.X1)(selected.label)})` : ''} and its cached login, and asked ${where} for the credentials of role ${(0,markdown/* code */.aY)(role)} in account ${(0,markdown/* code */.aY)(account)} (GetRoleCredentials); the portal answered HTTP ${sso_portal/* PORTAL_STATUS */.Sb[refusal.code]} ${(0,markdown/* code */.aY)(said)}. ${words.why}`,
        remediation: `${words.fix} ${UNATTENDED}`,
        evidence: [
            `GetRoleCredentials: HTTP ${sso_portal/* PORTAL_STATUS */.Sb[refusal.code]} ${(0,markdown/* escapeText */.X1)(said)}`,
            `account ${(0,markdown/* code */.aY)(account)}, role ${(0,markdown/* code */.aY)(role)}`,
            'the access token was sent in the `x-amz-sso_bearer_token` header and is not shown'
        ]
    });
}
function ssoPortalFinding(refusal, selected, sources = []) {
    return portalRefusedFinding(refusal, (0,sso_portal/* portalAsk */.M5)(selected, sources));
}
/**
 * What the portal answered, for the sources table: the JS SDK's SSO provider asks it, so only
 * its verdict is known (the refusal's status and code, or that role credentials came back),
 * not its timing. Never the token, never the credentials.
 */
function portalCheck(refusal, selected, sources) {
    const ask = (0,sso_portal/* portalAsk */.M5)(selected, sources);
    const asked = `GetRoleCredentials for role ${ask.role ?? '(unknown)'} in account ${ask.account ?? '(unknown)'}`;
    return {
        name: model/* PROVIDER_CHECK */.zC.sso ?? 'SSO portal',
        outcome: refusal === undefined ? 'pass' : 'info',
        detail: refusal === undefined
            ? `${asked}: role credentials`
            : `${asked}: HTTP ${sso_portal/* PORTAL_STATUS */.Sb[refusal.code]} ${refusal.code}: ${refusal.message}`
    };
}

// EXTERNAL MODULE: ./src/aws/deadline.ts
var deadline = __webpack_require__(7969);
// EXTERNAL MODULE: ./src/aws/http.ts
var http = __webpack_require__(5421);
// EXTERNAL MODULE: ./src/aws/iam.ts
var iam = __webpack_require__(1084);
;// CONCATENATED MODULE: ./src/report/iam.ts



/** Why a call gave nothing, in a few words for the notice and the check line. */
function whyNot(action, failure) {
    if ((0,iam/* isDenied */.GZ)(failure))
        return `\`iam:${action}\` was denied (AccessDenied)`;
    if (failure.kind === 'timeout')
        return `\`iam:${action}\` got no answer in time`;
    if (failure.kind === 'network')
        return `\`iam:${action}\` could not reach IAM (${(0,markdown/* code */.aY)(failure.code)})`;
    return `\`iam:${action}\` failed (${(0,markdown/* code */.aY)(failure.code)}${failure.httpStatus === undefined ? '' : `, HTTP ${failure.httpStatus}`})`;
}
function day(date) {
    return date.toISOString().slice(0, 10);
}
function keyFindings(keys, settings, userName) {
    const findings = [];
    const ours = keys.ours;
    if (ours === undefined)
        return findings;
    if (ours.inactive && ours.status !== undefined) {
        findings.push((0,src_findings/* finding */.gk)('access-key-inactive', {
            message: `IAM reports the access key ${(0,markdown/* code */.aY)(settings.maskedKeyId)} of ${userName} as ${(0,markdown/* code */.aY)(ours.status)}. STS still accepted it moments ago, so it was deactivated very recently (IAM is eventually consistent); every request with it will soon fail.`,
            remediation: 'If the key was deactivated on purpose (a rotation, a suspected leak), store the new key pair in the secret; otherwise reactivate it with `aws iam update-access-key --status Active`.',
            evidence: [`key ${settings.maskedKeyId}: ${ours.status}`, `user ${userName}`]
        }));
    }
    if (ours.tooOld && ours.age !== undefined && ours.created !== undefined) {
        findings.push((0,src_findings/* finding */.gk)('access-key-age', {
            title: `The access key is ${ours.age} days old`,
            message: `The access key ${(0,markdown/* code */.aY)(settings.maskedKeyId)} of ${userName} was created on ${day(ours.created)}, ${ours.age} days ago, more than \`max-key-age-days\` (${settings.maxKeyAgeDays}).`,
            remediation: 'Rotate it: create a second key, store it in the secret, confirm this check passes, then deactivate and delete the old one. Better, replace the key with GitHub OIDC and stop rotating.',
            evidence: [`created ${ours.created.toISOString()}`, `age ${ours.age} days`]
        }));
    }
    if (keys.active.length > 1) {
        findings.push((0,src_findings/* finding */.gk)('multiple-active-keys', {
            message: `${userName} has ${keys.active.length} active access keys (${keys.active.map(thisOne => (thisOne ? `${(0,markdown/* code */.aY)(settings.maskedKeyId)} (this one)` : 'another')).join(', ')}). Two active keys are normal during a rotation and a forgotten leak risk after it.`,
            remediation: 'Finish the rotation: once every consumer uses the new key, deactivate and delete the other one (`aws iam update-access-key --status Inactive`, then `aws iam delete-access-key`).',
            evidence: [`active keys: ${keys.active.length}`]
        }));
    }
    return findings;
}
function keysWritten(keys, settings, userName) {
    const ours = keys.ours;
    if (ours === undefined)
        return {
            findings: [],
            check: {
                name: 'IAM ListAccessKeys',
                outcome: 'info',
                detail: `${keys.total} key(s) of ${userName}, none of them ${settings.maskedKeyId}`
            }
        };
    const findings = keyFindings(keys, settings, userName);
    return {
        findings,
        check: {
            name: 'IAM ListAccessKeys',
            outcome: findings.some(item => item.severity === 'error')
                ? 'fail'
                : findings.some(item => item.severity === 'warning')
                    ? 'warn'
                    : 'pass',
            detail: `${settings.maskedKeyId}: ${ours.status ?? 'status unknown'}${ours.age === undefined ? '' : `, ${ours.age} days old`}; ${keys.active.length} active key(s)`
        }
    };
}
function lastUseWritten(use, settings) {
    const name = 'IAM GetAccessKeyLastUsed';
    const where = [
        use.service === undefined || use.service === 'N/A' ? undefined : `by ${use.service}`,
        use.region === undefined || use.region === 'N/A' ? undefined : `in ${use.region}`
    ]
        .filter(part => part !== undefined)
        .join(' ');
    if (use.date === undefined)
        return {
            findings: [
                (0,src_findings/* finding */.gk)('access-key-unused', {
                    title: 'IAM has no record of this key being used',
                    message: `IAM has never recorded a use of the access key ${(0,markdown/* code */.aY)(settings.maskedKeyId)} (IAM updates this with a delay of up to a few hours, so this run may not show yet). A key nothing uses is best deleted; a key only this workflow uses is best replaced with OIDC.`,
                    remediation: 'Check which workflows hold this key; if none needs it, deactivate and delete it. See the OIDC migration guide to replace it.',
                    evidence: ['GetAccessKeyLastUsed: no LastUsedDate']
                })
            ],
            check: { name, outcome: 'info', detail: 'never used, per IAM' }
        };
    const detail = `last used ${use.date.toISOString().replace('.000Z', 'Z')}${where === '' ? '' : ` ${where}`}`;
    if (use.verdict !== 'stale')
        return { findings: [], check: { name, outcome: 'info', detail } };
    return {
        findings: [
            (0,src_findings/* finding */.gk)('access-key-unused', {
                message: `IAM last recorded a use of the access key ${(0,markdown/* code */.aY)(settings.maskedKeyId)} ${use.days ?? '?'} days ago (${day(use.date)}${where === '' ? '' : `, ${where}`}): the workflow holding it rarely runs, or the key is a forgotten one.`,
                remediation: 'If the key is still needed, consider replacing it with OIDC; if not, deactivate and delete it.',
                evidence: [detail]
            })
        ],
        check: { name, outcome: 'info', detail }
    };
}
/** One look-up written out: from its answer, or as skipped with the reason. */
function callWritten(action, call, write) {
    if (call.ok)
        return write(call.value);
    const reason = whyNot(action, call.failure);
    return {
        findings: [],
        check: { name: `IAM ${action}`, outcome: 'skip', detail: reason },
        skipped: reason
    };
}
/** The look-ups of a long-term key, written out: findings, check lines and skip reasons. */
function keyLookupWritten(facts) {
    const { settings, user, keys, lastUsed } = facts;
    const named = user.ok ? user.value.name : undefined;
    const userName = named !== undefined ? (0,markdown/* code */.aY)(named) : facts.root ? 'the root user' : (0,markdown/* code */.aY)(facts.arnName);
    const written = [
        callWritten('GetUser', user, ({ created }) => ({
            findings: [],
            check: {
                name: 'IAM GetUser',
                outcome: 'pass',
                detail: `${named ?? 'root user'}${created === undefined ? '' : `, created ${day(created)}`}`
            }
        })),
        callWritten('ListAccessKeys', keys, value => keysWritten(value, settings, userName)),
        callWritten('GetAccessKeyLastUsed', lastUsed, value => lastUseWritten(value, settings))
    ];
    const failures = [user, keys, lastUsed].flatMap(call => (call.ok ? [] : [call.failure]));
    const age = keys.ok ? keys.value.ours?.age : undefined;
    return {
        findings: written.flatMap(item => item.findings),
        checks: written.map(item => item.check),
        skipped: written.flatMap(item => (item.skipped === undefined ? [] : [item.skipped])),
        failures,
        ...(age === undefined ? {} : { keyAgeDays: age })
    };
}
const NOT_APPLICABLE = {
    unknown: 'this kind of principal',
    'assumed-role': 'a role session, whose temporary key has no IAM user, status or age',
    'federated-user': 'a federated user session'
};
/** The IAM look-ups written out from their facts. */
function iamWritten(facts) {
    if (facts.kind === 'looked-up')
        return keyLookupWritten(facts);
    const reason = facts.kind === 'temporary-key'
        ? 'the key is temporary (from GetSessionToken), so IAM holds no status, age or last use for it'
        : `user and key look-ups do not apply to ${NOT_APPLICABLE[facts.principal]}`;
    return {
        findings: [],
        checks: [{ name: 'IAM user and key', outcome: 'skip', detail: reason }],
        skipped: [reason]
    };
}
/**
 * IAM look-ups where they make sense: a long-term key of an IAM user or of the root user.
 * Role sessions and federated users have no IAM user or access key to look up.
 */
async function inspectIam(connection, settings, deadline) {
    return iamWritten(await (0,iam/* inspectIamFacts */.l1)(connection, settings, deadline));
}

;// CONCATENATED MODULE: ./src/aws/simulate.ts

/**
 * The IAM entity whose policies decide for this identity. An assumed-role ARN names a session;
 * the simulation needs the role (`arn:aws:iam::ACCT:role/NAME`), whose path the session ARN
 * does not show.
 */
function policySourceArn(identity) {
    const parts = identity.arn.split(':');
    const partition = parts[1] ?? 'aws';
    const resource = parts.slice(5).join(':');
    if (identity.principalType === 'iam-user')
        return identity.arn;
    if (identity.principalType === 'assumed-role') {
        const role = resource.split('/')[1];
        return role === undefined || role === ''
            ? undefined
            : `arn:${partition}:iam::${identity.account}:role/${role}`;
    }
    return undefined;
}
/** Required actions grouped by resource: each group is one simulation. */
function byResource(actions) {
    const groups = new Map();
    for (const item of actions) {
        const group = groups.get(item.resource) ?? [];
        if (!group.includes(item.action))
            group.push(item.action);
        groups.set(item.resource, group);
    }
    return groups;
}
function decidingStatement(statement) {
    const line = statement.StartPosition?.Line;
    return {
        ...(statement.SourcePolicyType === undefined ? {} : { policyType: statement.SourcePolicyType }),
        ...(statement.SourcePolicyId === undefined ? {} : { policyId: statement.SourcePolicyId }),
        ...(line === undefined ? {} : { line })
    };
}
function denialDecision(result) {
    if (result.EvalDecision === 'explicitDeny')
        return {
            kind: 'explicit',
            statements: (result.MatchedStatements ?? []).map(decidingStatement)
        };
    if (result.OrganizationsDecisionDetail?.AllowedByOrganizations === false)
        return { kind: 'organizations' };
    if (result.PermissionsBoundaryDecisionDetail?.AllowedByPermissionsBoundary === false)
        return { kind: 'boundary' };
    return { kind: 'implicit' };
}
async function simulateAll(module, connection, source, groups, deadline) {
    const client = (0,iam/* iamClient */.LV)(module, connection, deadline);
    try {
        const answers = await Promise.all([...groups].map(async ([resource, actions]) => {
            const results = [];
            let marker;
            // IAM pages long answers; the loop ends when it says nothing more is left.
            for (;;) {
                const page = await (0,iam/* iamCall */.EW)(deadline, signal => client.send(new module.SimulatePrincipalPolicyCommand({
                    PolicySourceArn: source,
                    ActionNames: actions,
                    ...(resource === undefined ? {} : { ResourceArns: [resource] }),
                    ...(marker === undefined ? {} : { Marker: marker })
                }), { abortSignal: signal }));
                if (!page.ok)
                    return page;
                results.push(...(page.value.EvaluationResults ?? []));
                if (page.value.IsTruncated !== true || page.value.Marker === undefined)
                    break;
                marker = page.value.Marker;
            }
            return { ok: true, value: results };
        }));
        const failed = answers.find(answer => !answer.ok);
        if (failed !== undefined && !failed.ok)
            return failed;
        return { ok: true, value: answers.flatMap(answer => (answer.ok ? answer.value : [])) };
    }
    finally {
        client.destroy();
    }
}
/** The role's real ARN (with its path), for a role the simulation did not find at the root path. */
async function roleArnWithPath(module, connection, roleName, deadline) {
    const client = (0,iam/* iamClient */.LV)(module, connection, deadline);
    try {
        const answer = await (0,iam/* iamCall */.EW)(deadline, signal => client.send(new module.GetRoleCommand({ RoleName: roleName }), { abortSignal: signal }));
        return answer.ok ? answer.value.Role?.Arn : undefined;
    }
    finally {
        client.destroy();
    }
}
/** Simulates the required actions for the calling principal (for a role session, its role). */
async function simulateRequiredActions(connection, required, deadline) {
    const identity = connection.identity;
    if (identity.principalType === 'root')
        return { kind: 'root' };
    let source = policySourceArn(identity);
    if (source === undefined)
        return { kind: 'unsimulatable', identity };
    const module = await (0,iam/* loadIam */.Ob)();
    const groups = byResource(required);
    let answer = await simulateAll(module, connection, source, groups, deadline);
    if (!answer.ok &&
        answer.failure.code === 'NoSuchEntity' &&
        identity.principalType === 'assumed-role') {
        // The session ARN hides the role's path; GetRole knows it.
        const name = source.split('/').pop() ?? '';
        const withPath = await roleArnWithPath(module, connection, name, deadline);
        if (withPath !== undefined && withPath !== source) {
            source = withPath;
            answer = await simulateAll(module, connection, source, groups, deadline);
        }
    }
    if (!answer.ok)
        return { kind: 'simulation-failed', failure: answer.failure };
    const denials = [];
    for (const result of answer.value) {
        if (result.EvalDecision === 'allowed')
            continue;
        denials.push({
            action: result.EvalActionName ?? '?',
            resource: result.EvalResourceName ?? '*',
            decision: denialDecision(result),
            missingContext: result.MissingContextValues ?? []
        });
    }
    if (denials.length === 0)
        return { kind: 'allowed', source };
    return { kind: 'denied', source, total: answer.value.length, denials };
}

// EXTERNAL MODULE: ./src/report/words/gates.ts
var gates = __webpack_require__(7112);
;// CONCATENATED MODULE: ./src/report/simulate.ts
/**
 * The words of the `required-actions` gate: `missing-permissions` with the denied actions and
 * the statement that decided, the `permissions-unverified` notice where the simulation could not
 * run, and the SimulatePrincipalPolicy check line, from what src/aws/simulate.ts found.
 */





const CHECK_NAME = 'IAM SimulatePrincipalPolicy';
function statementText(statement) {
    const where = statement.line === undefined ? '' : ` line ${statement.line}`;
    const type = statement.policyType === undefined ? '' : `${statement.policyType} `;
    return `${type}policy ${(0,markdown/* code */.aY)(statement.policyId ?? '?')}${where}`;
}
/** Why IAM said no, in words. */
function denialReason(decision) {
    switch (decision.kind) {
        case 'explicit':
            return decision.statements.length === 0
                ? 'explicitly denied'
                : `explicitly denied by ${decision.statements.map(statementText).join(', ')}`;
        case 'organizations':
            return 'denied by a service control policy of the organization';
        case 'boundary':
            return 'outside the permissions boundary';
        case 'implicit':
            return 'no policy allows it (implicit deny)';
    }
}
const GRANT_SIMULATION = 'Allow the identity `iam:SimulatePrincipalPolicy` on itself (resource: its own user or role ARN), or remove `required-actions` if the check is not wanted. `fail-on: warning` makes an unverified gate fail the step.';
function skippedOutcome(required, reason) {
    return {
        findings: [(0,gates/* permissionsUnverified */.a)(required, reason, GRANT_SIMULATION)],
        checks: [
            { name: CHECK_NAME, outcome: 'skip', detail: `required-actions not checked: ${reason}` }
        ],
        skipped: []
    };
}
function denialLine(denial) {
    return `${(0,markdown/* code */.aY)(denial.action)}${denial.resource === '*' ? '' : ` on ${(0,markdown/* code */.aY)(denial.resource)}`}: ${denialReason(denial.decision)}${denial.missingContext.length === 0 ? '' : ` (the decision may change with context keys the simulation lacks: ${denial.missingContext.join(', ')})`}`;
}
function deniedOutcome(facts) {
    const { denials, source, total } = facts;
    const lines = denials.map(denialLine);
    return {
        findings: [
            (0,src_findings/* finding */.gk)('missing-permissions', {
                title: `${denials.length} required action${denials.length === 1 ? ' is' : 's are'} not allowed`,
                message: `IAM's policy simulator says ${(0,markdown/* code */.aY)(source)} may not perform ${denials.length} of the ${total} required action${total === 1 ? '' : 's'}:\n${lines.map(line => `- ${line}`).join('\n')}`,
                remediation: 'Grant the missing actions in a policy attached to this user or role (or remove the explicit Deny, the service control policy or the permissions boundary named above), then re-run. The simulation covers identity-based policies, boundaries and SCPs; a resource policy (a bucket policy, a KMS key policy) can still deny.',
                evidence: [`policy source ${source}`, ...lines]
            })
        ],
        checks: [
            {
                name: CHECK_NAME,
                outcome: 'fail',
                detail: `${denials.length} of ${total} not allowed: ${denials.map(denial => denial.action).join(', ')}`
            }
        ],
        skipped: []
    };
}
/** The simulation's findings and check line, written from its facts. */
function simulationWritten(facts, required) {
    switch (facts.kind) {
        case 'root':
            return {
                findings: [],
                checks: [
                    {
                        name: CHECK_NAME,
                        outcome: 'info',
                        detail: 'not simulated: the root user is allowed every action (short of a service control policy)'
                    }
                ],
                skipped: []
            };
        case 'unsimulatable':
            return skippedOutcome(required, `IAM cannot simulate the policies of ${facts.identity.principalType === 'federated-user' ? 'a federated user session' : (0,markdown/* code */.aY)(facts.identity.arn)}`);
        case 'simulation-failed':
            return skippedOutcome(required, whyNot('SimulatePrincipalPolicy', facts.failure));
        case 'allowed':
            return {
                findings: [],
                checks: [
                    {
                        name: CHECK_NAME,
                        outcome: 'pass',
                        detail: `${required.map(item => `${item.action}${item.resource === undefined ? '' : ` on ${item.resource}`}`).join(', ')}: allowed for ${facts.source}`
                    }
                ],
                skipped: []
            };
        case 'denied':
            return deniedOutcome(facts);
    }
}
async function checkRequiredActions(connection, required, deadline) {
    return simulationWritten(await simulateRequiredActions(connection, required, deadline), required);
}

// EXTERNAL MODULE: ./src/aws/sts.ts
var sts = __webpack_require__(8665);
;// CONCATENATED MODULE: ./src/aws/validate.ts
/**
 * The remote phase: what AWS says about the credentials. STS GetCallerIdentity first, with
 * probes of other regions where its `InvalidClientTokenId` is ambiguous, then the IAM look-ups
 * and the `required-actions` simulation side by side. Runs inside the `timeout-seconds` budget
 * and reports every outcome as findings and check results, never as an exception.
 */




























/**
 * Probes answer one question each (is it the region? the partition?) and must not delay the
 * verdict much: an authentication failure is reported within about a second. A probe that
 * cannot answer in this time (another partition across the world) simply tells nothing.
 */
const PROBE_BUDGET_MS = 700;
const STS_CHECK = 'STS GetCallerIdentity';
/** GetCallerIdentity's endpoint and proxy, signed for `region`. */
function stsEndpoint(network, region) {
    const route = (0,endpoints/* stsRoute */.G)(network, region);
    return {
        region,
        ...(route.override === undefined ? {} : { endpoint: route.override.url }),
        ...(route.proxy === undefined ? {} : { proxy: route.proxy })
    };
}
function describeEndpoint(config) {
    return config.endpoint ?? (0,aws_regions/* regionalStsEndpoint */.fF)(config.region);
}
function credentialFacts(discovery, settings, credentials, resolvedBySdk, config) {
    const override = discovery.network.endpoints.sts;
    const selected = discovery.selected;
    return {
        keyPrefix: credentials.accessKeyId.slice(0, 4),
        maskedKeyId: (0,redact/* maskAccessKeyId */.BT)(credentials.accessKeyId),
        hasSessionToken: credentials.sessionToken !== undefined,
        ...(selected === undefined ? {} : { sourceKind: selected.kind, sourceLabel: selected.label }),
        resolvedBySdk,
        region: config.region,
        regionOrigin: (0,check/* describeOrigin */.uN)(discovery.region.origin),
        partition: (0,aws_regions/* partitionOfRegion */.cn)(config.region),
        optInRegion: (0,aws_regions/* isOptInRegion */.rr)(config.region),
        ...(discovery.offlineAccountId === undefined
            ? {}
            : { offlineAccountId: discovery.offlineAccountId }),
        expectedAccountIds: settings.expectedAccountIds,
        endpoint: describeEndpoint(config),
        ...(override === undefined ? {} : { endpointVariable: override.variable }),
        ...(config.proxy === undefined ? {} : { proxy: config.proxy }),
        ...(selected?.tokenFile === undefined
            ? {}
            : {
                tokenFile: {
                    path: selected.tokenFile.path,
                    state: selected.tokenFile.state,
                    ...(selected.tokenFile.expiresAt === undefined
                        ? {}
                        : { expiresAt: selected.tokenFile.expiresAt })
                }
            })
    };
}
/** Codes for which another region or partition could tell the causes apart. */
const AMBIGUOUS_CODES = new Set(['InvalidClientTokenId', 'UnrecognizedClientException']);
/**
 * Regions to sign a second GetCallerIdentity for: `us-east-1` for an opt-in region (does the
 * key work where every account is enabled?), and the home region of each other partition (is it
 * a key of another partition?), unless `cross-partition-probes` is false: a regulated
 * environment may forbid any request to another partition's endpoints. None where an offline
 * fact already explains the answer.
 */
function probeRegions(facts, crossPartition = true) {
    if (tokenMismatch(facts))
        return [];
    const regions = [];
    if (facts.partition === 'aws' && facts.optInRegion)
        regions.push(aws_regions/* HOME_REGION */.$c.aws);
    if (!crossPartition)
        return regions;
    for (const partition of Object.keys(aws_regions/* HOME_REGION */.$c))
        if (partition !== facts.partition)
            regions.push(aws_regions/* HOME_REGION */.$c[partition]);
    return regions;
}
/** A temporary key without its session token, or a long-term key with one: explained offline. */
function tokenMismatch(facts) {
    if (facts.keyPrefix === 'ASIA')
        return !facts.hasSessionToken;
    return facts.keyPrefix === 'AKIA' && facts.hasSessionToken;
}
async function probe(region, credentials, network, deadline) {
    // The same endpoint override (or the region's own endpoint), signed for `region`.
    const config = stsEndpoint(network, region);
    const outcome = await (0,sts/* getCallerIdentity */.eL)(config, credentials, deadline, { retry: false });
    return {
        region,
        partition: (0,aws_regions/* partitionOfRegion */.cn)(region),
        endpoint: describeEndpoint(config),
        accepted: outcome.ok,
        ...(outcome.ok ? { identity: outcome.identity } : {}),
        ...(outcome.ok || outcome.failure.kind === 'timeout' || outcome.failure.kind === 'network'
            ? {}
            : { code: outcome.failure.code })
    };
}
/** GetCallerIdentity, and where it fails, what else can be learned about why. */
async function verifyIdentity(discovery, settings, credentials, facts, config, deadline) {
    const endpoint = describeEndpoint(config);
    const started = Date.now();
    const outcome = await (0,sts/* getCallerIdentity */.eL)(config, credentials, deadline);
    const elapsedMs = Date.now() - started;
    const skew = (0,http/* clockSkewMs */.Dy)(outcome.response);
    if (outcome.ok) {
        return {
            identity: outcome.identity,
            findings: (0,classify/* skewWarning */.d)(skew, endpoint),
            checks: [{ name: STS_CHECK, outcome: 'pass', detail: `${endpoint}: ${outcome.identity.arn}` }]
        };
    }
    const failure = outcome.failure;
    const checks = [
        { name: STS_CHECK, outcome: 'fail', detail: `${endpoint} (${config.region}): ${failure.code}` }
    ];
    const probes = AMBIGUOUS_CODES.has(failure.code)
        ? await probeAll(credentials, facts, discovery.network, deadline, settings.crossPartitionProbes)
        : [];
    checks.push(...probes.map(probeCheck));
    const context = {
        endpoint,
        region: config.region,
        ...sourceOf(discovery),
        timeoutSeconds: settings.timeoutSeconds,
        facts,
        ...overrideOf(discovery, elapsedMs)
    };
    const classified = (0,classify/* classifyStsFailure */.jn)(failure, {
        ...context,
        ...(skew === undefined ? {} : { clockSkewMs: skew }),
        probes
    });
    const findings = [classified];
    if (classified.id !== 'clock-skew')
        findings.push(...(0,classify/* skewWarning */.d)(skew, endpoint));
    const accepted = acceptedInPartition(probes, config.region);
    if (classified.id === 'region-not-enabled' && accepted !== undefined)
        return { identity: accepted, findings, checks };
    if (classified.id === 'clock-skew' && skew !== undefined)
        return onServerClock(context, config, credentials, skew, deadline, { findings, checks });
    return { findings, checks };
}
function overrideOf(discovery, elapsedMs) {
    const override = discovery.network.endpoints.sts;
    if (override === undefined)
        return {};
    const where = (0,check/* describeOrigin */.uN)(override.origin);
    return { override: { override, where, elapsedMs, ...sourceOf(discovery) } };
}
function sourceOf(discovery) {
    const source = discovery.selected?.label;
    return source === undefined ? {} : { source };
}
/**
 * A key that works in another region of the same partition is a good key: its identity is
 * worth reporting and gating on.
 */
function acceptedInPartition(probes, region) {
    return probes.find(item => item.accepted && item.partition === (0,aws_regions/* partitionOfRegion */.cn)(region))
        ?.identity;
}
function probeCheck(item) {
    return {
        name: `${STS_CHECK} signed for ${item.region}`,
        outcome: item.accepted ? 'pass' : 'info',
        detail: item.accepted ? `accepted: ${item.identity?.arn ?? ''}` : (item.code ?? 'no answer')
    };
}
/** The verdict of a clock-skew refusal, completed by the answer on AWS's clock. */
async function onServerClock(context, config, credentials, skew, deadline, { findings, checks }) {
    const corrected = await retryOnServerClock(config, credentials, skew, deadline);
    checks.push(corrected.check);
    if (corrected.identity !== undefined)
        return { identity: corrected.identity, clockOffsetMs: -skew, findings, checks };
    // On AWS's clock the answer is about the credentials themselves (a wrong secret, say).
    if (corrected.failure !== undefined)
        findings.push((0,classify/* classifyStsFailure */.jn)(corrected.failure, context));
    return { findings, checks };
}
async function probeAll(credentials, facts, network, deadline, crossPartition) {
    const regions = probeRegions(facts, crossPartition);
    if (regions.length === 0)
        return [];
    const budget = deadline.within(PROBE_BUDGET_MS);
    return Promise.all(regions.map(region => probe(region, credentials, network, budget)));
}
/**
 * STS refused the request on the runner's clock. Signed again on the server's clock (as the
 * JS SDK would after its own correction), the answer tells whether the credentials are good
 * apart from that.
 */
async function retryOnServerClock(config, credentials, skewMs, deadline) {
    const outcome = await (0,sts/* getCallerIdentity */.eL)({ ...config, clockOffsetMs: -skewMs }, credentials, deadline, { retry: false });
    const name = `${STS_CHECK} on AWS's clock`;
    return outcome.ok
        ? {
            identity: outcome.identity,
            check: { name, outcome: 'pass', detail: `accepted: ${outcome.identity.arn}` }
        }
        : { failure: outcome.failure, check: { name, outcome: 'fail', detail: outcome.failure.code } };
}
/** One notice for every IAM look-up that gave nothing, whatever the reasons. */
function iamSkippedNotice(reasons) {
    if (reasons.length === 0)
        return [];
    const denied = reasons.some(reason => reason.includes('denied'));
    return [
        (0,src_findings/* finding */.gk)('iam-check-skipped', {
            message: `Some IAM checks were not made: ${reasons.join('; ')}. This does not fail the step; the STS verdict above stands.`,
            remediation: denied
                ? 'To get key status, age and last use, allow the identity `iam:GetUser`, `iam:ListAccessKeys` and `iam:GetAccessKeyLastUsed` on itself (and `iam:SimulatePrincipalPolicy` for `required-actions`), or set `check-iam: false` to skip the look-ups.'
                : 'Nothing to do for role sessions; set `check-iam: false` to skip the look-ups altogether.',
            evidence: [...reasons]
        })
    ];
}
function iamConnection(discovery, identity, credentials, clockOffsetMs) {
    const route = (0,endpoints/* iamRoute */.VD)(discovery.network, (0,aws_regions/* partitionOfArn */.Fh)(identity.arn));
    return {
        identity,
        credentials,
        ...(route.override === undefined ? {} : { endpoint: route.override.url }),
        ...(route.proxy === undefined ? {} : { proxy: route.proxy }),
        ...(clockOffsetMs === undefined ? {} : { clockOffsetMs })
    };
}
const NOTHING = { findings: [], checks: [], skipped: [] };
/** Each request to the instance metadata service: what was asked, what answered, how long. */
function imdsChecks(exchanges, name = 'EC2 instance metadata') {
    return exchanges.map(exchange => ({
        name,
        outcome: exchange.outcome === 'answered' && (exchange.status ?? 400) < 300
            ? 'pass'
            : 'info',
        detail: (0,imds/* describeExchange */.Nu)(exchange)
    }));
}
const CONTAINER_CHECK = model/* PROVIDER_CHECK */.zC.container ?? 'Container credentials endpoint';
/** What the `credential_process` did: its exit status, output sizes and time, never its output. */
function processCheck(outcome) {
    return {
        name: model/* PROVIDER_CHECK */.zC.process ?? 'credential_process',
        outcome: outcome.ok ? 'pass' : 'info',
        detail: (0,credential_process/* describeRun */.vZ)(outcome.run)
    };
}
/** The endpoint's URL as displayed: without user information or query. */
function containerDisplay(url) {
    try {
        return (0,container/* displayUrl */.Qy)(new URL(url));
    }
    catch {
        return 'a value that is not a URL';
    }
}
/**
 * A later source's failure, where the JS SDK only asked it because it passed its profile over:
 * the profile is the cause, the source's answer secondary (src/report/fall-through.ts).
 */
function afterProfile(discovery, provider) {
    const fall = (0,credential_source/* fallThroughOf */.Ej)(discovery);
    return fall === undefined ? [provider] : (0,fall_through/* fallThroughFindings */.P)(discovery, fall, provider);
}
/** What a run whose credentials could not be resolved reports: why, and that STS was not called. */
function unresolved(discovery, resolved, roleRefusal) {
    const checks = [];
    const findings = [];
    // Where discovery found no source at all, the offline check (src/checks/no-credentials.ts)
    // reports it; here only what discovery could not foresee: a source that looked usable (an
    // instance role, a container endpoint, SSO, a process) and gave the SDK nothing.
    const selected = discovery.selected;
    const nothingFound = resolved.reason === 'none' && selected !== undefined && selected.credentials === undefined;
    // A role profile's credential_source with nothing to read here says which variables (where
    // it is still the source in use: discovery passes such a profile over, and the offline
    // checks name it then).
    const gap = nothingFound && (0,credential_source/* credentialSourceProfile */.Kf)(discovery) === selected
        ? (0,credential_source/* credentialSourceGap */.nS)(discovery)
        : undefined;
    if (gap !== undefined) {
        findings.push((0,src_findings/* finding */.gk)('no-credentials', { ...gap, source: selected?.label, evidence: [...gap.evidence] }));
    }
    else if (nothingFound) {
        findings.push((0,src_findings/* finding */.gk)('no-credentials', {
            source: selected.label,
            message: `The AWS SDK found no credentials: the ${(0,markdown/* escapeText */.X1)(selected.label)} that this runner seemed to offer gave none, and no other source is configured. The SDK reports "Could not load credentials from any providers".`,
            remediation: (0,no_credentials/* giveCredentials */.MS)(discovery.github),
            evidence: [resolved.detail]
        }));
    }
    // A chain that failed or ran out of time checked nothing, which is no pass. A web identity
    // token file that is missing, unreadable, empty, not a JWT or expired is already reported
    // offline (web-identity-token-invalid), and more precisely.
    const tokenFileExplains = (0,model/* sourcesInUse */.XT)(discovery).some(source => source.tokenFile !== undefined && source.tokenFile.state !== 'valid');
    if (resolved.process !== undefined) {
        findings.push(credentialProcessFinding(resolved.process, selected));
        checks.push(processCheck(resolved.process));
    }
    else if (resolved.container !== undefined && discovery.containerEndpoint !== undefined) {
        findings.push(...afterProfile(discovery, containerFinding(resolved.container, discovery.containerEndpoint, containerDisplay(discovery.containerEndpoint.url), selected)));
        checks.push(...imdsChecks(resolved.container.exchanges, CONTAINER_CHECK));
    }
    else if (resolved.imds !== undefined) {
        findings.push(...afterProfile(discovery, instanceMetadataFinding(resolved.imds.outcome, resolved.imds.endpoint, selected)));
        checks.push(...imdsChecks(resolved.imds.outcome.exchanges));
    }
    else if (resolved.portal !== undefined) {
        findings.push(ssoPortalFinding(resolved.portal, selected, discovery.sources));
        checks.push(portalCheck(resolved.portal, selected, discovery.sources));
    }
    else if (resolved.awsCode !== undefined && !tokenFileExplains) {
        // AWS answered a call the chain made (a profile's AssumeRole): say what it refused.
        findings.push(roleRefusal ?? chainRefusedFinding(resolved.awsCode, resolved.detail, selected));
    }
    else if ((resolved.reason === 'timeout' || resolved.reason === 'chain-error') &&
        !tokenFileExplains) {
        findings.push((0,src_findings/* finding */.gk)('no-credentials', {
            title: resolved.reason === 'timeout'
                ? 'The credentials could not be obtained in time'
                : 'The credentials could not be obtained',
            ...(selected === undefined ? {} : { source: selected.label }),
            message: `The AWS SDK did not get credentials from ${selected === undefined ? 'any source' : `the ${(0,markdown/* escapeText */.X1)(selected.label)}`}: ${resolved.detail}. Nothing could be checked with STS.`,
            remediation: resolved.reason === 'timeout'
                ? 'Run the credential source by hand on the runner: a `credential_process` must print its JSON and exit, and an SSO cache, a container or an instance metadata endpoint must answer within seconds. Raise `timeout-seconds` only if it is known to be slow.'
                : 'Check what the SDK reads: the shared credentials and config files must be regular files (not pipes or devices), and any `credential_process` must run.',
            evidence: [resolved.detail]
        }));
    }
    checks.push({ name: STS_CHECK, outcome: 'skip', detail: `not called: ${resolved.detail}` });
    // The `credential-source` output is `none` when the source discovery expected gave nothing.
    return { checks, findings, ...(nothingFound ? { credentialSource: 'none' } : {}) };
}
/** The profile the SDK is to be given by name; `default` is what it takes without one. */
function namedProfile(discovery, settings) {
    const profile = settings.profile ?? discovery.profile.name;
    return profile === 'default' ? undefined : profile;
}
async function validateRemote(discovery, settings, options) {
    const checks = [];
    const findings = [];
    const { deadline } = options;
    const resolved = await (0,aws_credentials/* resolveCredentials */.z8)(discovery, namedProfile(discovery, settings), deadline);
    if (!resolved.ok) {
        const roleRefusal = await explainRoleRefusal(discovery, resolved.assumeRoles, {
            checkIam: settings.checkIam,
            deadline,
            onSecret: options.onSecret
        });
        return unresolved(discovery, resolved, roleRefusal);
    }
    const { credentials } = resolved;
    options.onSecret(credentials.secretAccessKey);
    if (credentials.sessionToken !== undefined)
        options.onSecret(credentials.sessionToken);
    if (resolved.process !== undefined)
        checks.push(processCheck(resolved.process));
    // An SSO profile in use whose credentials came back: the portal gave them.
    if (discovery.selected?.kind === 'sso')
        checks.push(portalCheck(undefined, discovery.selected, discovery.sources));
    if (resolved.container !== undefined)
        checks.push(...imdsChecks(resolved.container.exchanges, CONTAINER_CHECK));
    if (resolved.container?.ok === true && discovery.containerEndpoint !== undefined)
        findings.push(...containerFallbackFinding(resolved.container, discovery.containerEndpoint, containerDisplay(discovery.containerEndpoint.url), discovery.selected));
    const { imds } = resolved;
    if (imds?.outcome.ok === true) {
        checks.push(...imdsChecks(imds.outcome.exchanges));
        findings.push(...imdsFallbackFinding(imds.outcome, imds.endpoint, discovery.selected));
    }
    const config = stsEndpoint(discovery.network, discovery.region.value);
    // The SDK would refuse the region before sending anything (the offline `region-invalid`
    // says so): a call would only come back as an unreadable answer, retried for nothing.
    if (!(0,aws_regions/* isAcceptedRegion */.Ip)(config.region)) {
        checks.push({
            name: STS_CHECK,
            outcome: 'skip',
            detail: 'not called: the region is not a valid region name'
        });
        return { checks, findings, accessKeyId: credentials.accessKeyId };
    }
    // Nor would it send anything to an override that is no http(s) URL (the offline
    // `endpoint-override-unreachable` says so).
    if (config.endpoint !== undefined && (0,endpoint_override/* malformedEndpoint */.rG)(config.endpoint) !== undefined) {
        checks.push({
            name: STS_CHECK,
            outcome: 'skip',
            detail: 'not called: the endpoint override is not an http(s) URL'
        });
        return { checks, findings, accessKeyId: credentials.accessKeyId };
    }
    const facts = credentialFacts(discovery, settings, credentials, resolved.via === 'sdk-chain', config);
    const sts = await verifyIdentity(discovery, settings, credentials, facts, config, deadline);
    findings.push(...sts.findings);
    checks.push(...sts.checks);
    const whose = validatedFor(discovery);
    if (whose !== undefined)
        checks.push(whose);
    const identity = sts.identity;
    if (identity === undefined)
        return { checks, findings, accessKeyId: credentials.accessKeyId };
    const connection = iamConnection(discovery, identity, credentials, sts.clockOffsetMs);
    const iam = await inspectAccount(discovery, connection, settings, sts.clockOffsetMs, deadline);
    checks.push(...iam.checks);
    findings.push(...iam.findings);
    return {
        identity,
        checks,
        findings,
        accessKeyId: credentials.accessKeyId,
        ...(settings.requiredActions.length > 0 ? { permissionsChecked: true } : {}),
        ...(iam.keyAgeDays === undefined ? {} : { keyAgeDays: iam.keyAgeDays })
    };
}
/**
 * `AWS_ENDPOINT_URL_IAM` (or `AWS_ENDPOINT_URL`, or a config file's `endpoint_url`) where
 * nothing answers: named as the override's fault, as a notice (IAM is optional for the job).
 */
function iamOverrideUnreachable(discovery, failures) {
    const override = discovery.network.endpoints.iam;
    const failure = failures.find(endpoint_override/* isNothingThere */.yc);
    if (override === undefined || failure === undefined)
        return [];
    const where = (0,check/* describeOrigin */.uN)(override.origin);
    return [(0,endpoint_override/* overrideUnreachable */.nf)(failure, { override, where, service: 'IAM', ...sourceOf(discovery) })];
}
/** The IAM look-ups and the permission simulation, each where the settings ask for it. */
async function inspectAccount(discovery, connection, settings, clockOffsetMs, deadline) {
    const { accessKeyId } = connection.credentials;
    const [iam, simulation] = await Promise.all([
        settings.checkIam
            ? inspectIam(connection, {
                accessKeyId,
                maskedKeyId: (0,redact/* maskAccessKeyId */.BT)(accessKeyId),
                maxKeyAgeDays: settings.maxKeyAgeDays,
                now: Date.now() + (clockOffsetMs ?? 0)
            }, deadline)
            : NOTHING,
        settings.requiredActions.length > 0
            ? checkRequiredActions(connection, settings.requiredActions, deadline)
            : NOTHING
    ]);
    const checks = settings.checkIam
        ? []
        : [{ name: 'IAM user and key', outcome: 'skip', detail: '`check-iam` is false' }];
    const unreachable = iamOverrideUnreachable(discovery, iam.failures ?? []);
    // The override finding says why IAM could not be reached; the notice keeps the other reasons.
    const skipped = [...iam.skipped, ...simulation.skipped].filter(reason => unreachable.length === 0 || !reason.includes('could not reach IAM'));
    return {
        checks: [...checks, ...iam.checks, ...simulation.checks],
        findings: [
            ...iam.findings,
            ...simulation.findings,
            ...unreachable,
            ...iamSkippedNotice(skipped)
        ],
        ...(iam.keyAgeDays === undefined ? {} : { keyAgeDays: iam.keyAgeDays })
    };
}



/***/ }),

/***/ 1153:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  L0: () => (/* binding */ cleaned),
  w2: () => (/* binding */ credentialValues),
  qH: () => (/* binding */ defineCheck),
  GW: () => (/* binding */ defineFactCheck),
  uN: () => (/* reexport */ words_origin/* describeOrigin */.uN)
});

// UNUSED EXPORTS: PART_NAMES, nameOf

// EXTERNAL MODULE: ./src/findings.ts
var findings = __webpack_require__(1001);
// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(4285);
// EXTERNAL MODULE: ./src/report/words/origin.ts
var words_origin = __webpack_require__(1464);
;// CONCATENATED MODULE: ./src/report/words/config-variable-invalid.ts
/**
 * A configuration setting's value the AWS tools refuse or misread, in words. The tools' own
 * messages are quoted as each prints them (measured: src/checks/config-settings.ts and
 * __tests__/differential/config-settings.facts.ts), with the value escaped as JSON would.
 */



/** Python's words for what stood in the way of opening the bundle (`[Errno 2] …`). */
const ERRNO = {
    missing: '[Errno 2] No such file or directory',
    'not-a-file': '[Errno 21] Is a directory',
    permission: '[Errno 13] Permission denied',
    unreadable: 'the file cannot be read'
};
const DEFAULTS_MODES = ['legacy', 'auto', 'standard', 'in-region', 'cross-region', 'mobile'];
/** The tool's message, with the value (`shown`, escaped) where the tool quotes it. */
function refusalWords(refusal, tool, value) {
    switch (refusal.kind) {
        case 'int-literal':
            return `invalid literal for int() with base 10: '${value}'`;
        case 'attempts-below-one':
            return `Value provided to "max_attempts": ${refusal.attempts} must be an integer greater than or equal to 1.`;
        case 'retry-mode':
            return `Invalid value provided to "mode": "${value}" must be one of: ('legacy', 'standard', 'adaptive')`;
        case 'sts-regional-endpoints':
            return `STS regional endpoints option ${value} is invalid. Valid options are: "legacy", "regional"`;
        case 'endpoint-mode':
            return tool === 'jsSdk'
                ? `Unsupported endpoint mode: ${value}. Select from IPv4,IPv6`
                : `Invalid EC2 Instance Metadata endpoint mode: ${value} Valid endpoint modes (case-insensitive): ('ipv4', 'ipv6').`;
        case 'defaults-mode':
            return tool === 'jsSdk'
                ? `Invalid parameter for "defaultsMode", expect in-region, cross-region, mobile, standard, legacy, got ${value}`
                : `Client configured with invalid defaults mode: ${value}. Valid defaults modes include: ${DEFAULTS_MODES.join(', ')}.`;
        case 'ca-bundle':
            return `SSL validation failed for https://sts.….amazonaws.com/ ${ERRNO[refusal.reason]}`;
        case 'no-such-file':
            return `no such file or directory: ${(0,markdown/* code */.aY)(refusal.path)}`;
    }
}
function variantWords(variant, reads) {
    if (reads === undefined)
        return `ignores it and does not use the ${variant} endpoint`;
    return reads
        ? `reads it as true and uses the ${variant} endpoint`
        : `reads it as false and does not use the ${variant} endpoint`;
}
function metadataWords(disabled, tool) {
    if (!disabled)
        return 'reads it as false: it asks the EC2 instance metadata service where nothing before it gives credentials';
    return `reads it as true: ${tool === 'jsSdk' ? 'its chain' : 'it'} never asks the EC2 instance metadata service`;
}
/** What the tool does, after its name. */
function behaviourWords(behaviour, tool) {
    switch (behaviour.kind) {
        case 'default-attempts':
            return 'ignores it and makes up to 3 attempts';
        case 'one-attempt':
            return 'makes one attempt and never retries';
        case 'reads-attempts':
            return `reads it as ${behaviour.attempts} and makes up to ${behaviour.attempts} attempts`;
        case 'standard-retries':
            return 'ignores it and retries in standard mode';
        case 'regional-sts':
            return "does not read the setting, and calls the region's own STS endpoint";
        case 'endpoint-variant':
            return variantWords(behaviour.variant, behaviour.reads);
        case 'metadata-disabled':
            return metadataWords(behaviour.disabled, tool);
        case 'mode-unchecked':
            return 'checks it only when its chain asks instance metadata, which this run does not';
        case 'any-case':
            return 'takes it in any case';
        case 'system-certificates':
            return 'does not read the setting, and trusts the system certificates';
        case 'reads-file':
            return `reads ${(0,markdown/* code */.aY)(behaviour.path)}`;
        case 'no-file':
            return `finds no file at ${(0,markdown/* code */.aY)(behaviour.path)}, and reads none`;
    }
}
/** The verdict as the evidence lists it: the tool's message, or what it does. */
function verdictWords(verdict, tool, value) {
    return 'refuses' in verdict
        ? refusalWords(verdict.refuses, tool, value)
        : behaviourWords(verdict.goesOn, tool);
}
function said(name, verdict, tool, value) {
    return 'refuses' in verdict
        ? `${name} stops: ${(0,markdown/* code */.aY)(refusalWords(verdict.refuses, tool, value))}`
        : `${name} ${behaviourWords(verdict.goesOn, tool)}`;
}
const ACCEPTED = {
    attempts: 'a whole number of attempts, 1 or more (the default is 3)',
    'retry-mode': '`standard`, `adaptive` or `legacy`, in lower case',
    'sts-regional-endpoints': '`regional` or `legacy`, in lower case',
    boolean: '`true` or `false`, in lower case',
    'endpoint-mode': '`IPv4` or `IPv6`, written so',
    'defaults-mode': DEFAULTS_MODES.map(mode => `\`${mode}\``).join(', '),
    'pem-file': 'the path of a readable PEM file'
};
function acceptedWords(accepted) {
    return accepted.kind === 'absolute-path'
        ? `the absolute path of the file (${(0,markdown/* code */.aY)(accepted.path)}), without white space around it`
        : ACCEPTED[accepted.kind];
}
function pathTitle(name, issue) {
    switch (issue.kind) {
        case 'white-space':
            return `${name} has white space around its path`;
        case 'tilde':
            return `${name} starts with \`~\`, which the AWS tools do not expand there`;
        case 'variable':
            return `${name} holds a variable the AWS tools do not expand`;
        case 'relative':
            return `${name} is a relative path`;
        case 'expanded-apart':
            return `${name} names no file for either AWS tool`;
    }
}
/** What is wrong with a path, after "is `…`,". */
function pathWhy(issue, token) {
    switch (issue.kind) {
        case 'white-space':
            return 'a path with white space around it, which both tools keep as part of the name';
        case 'tilde':
            return 'a path starting with `~`, which neither tool expands in this variable: both open it as a relative path';
        case 'variable':
            return `a path with a variable in it, which ${token ? 'neither tool expands in this variable' : 'the JS SDK never expands and the AWS CLI expands only where it is set (here it is not)'}: both open it as written`;
        case 'relative':
            return `a relative path: each tool opens it from the working directory of its own step, here ${(0,markdown/* code */.aY)(issue.cwd)}, so a step with another \`working-directory:\` (or after a \`cd\`) reads another file or none`;
        case 'expanded-apart':
            return 'a path the two tools expand apart (the JS SDK only a leading `~/`, the AWS CLI also `~`, `~user/` and `$NAME`), and neither finds a file where it looks';
    }
}
function titleOf(name, severity, problem) {
    if (problem.kind === 'path')
        return pathTitle(name, problem.issue);
    if (severity === 'error')
        return `${name} has a value the AWS tools refuse`;
    if (severity === 'warning')
        return `${name} has a value one of the AWS tools refuses`;
    return `${name} has a value the AWS tools do not read as meant`;
}
/** What is wrong with the value, and what it means for this step. */
function problemWords(name, problem) {
    if (problem.kind === 'not-a-value')
        return {
            why: `which is not a value of ${name}`,
            thisStep: "This action's own requests do not depend on it."
        };
    const meant = problem.meant === undefined
        ? ''
        : `; the file meant is probably ${(0,markdown/* code */.aY)(problem.meant)}, which is there`;
    return {
        why: `${pathWhy(problem.issue, problem.token)}${meant}`,
        thisStep: problem.token
            ? 'This step read the token file as the tools do.'
            : 'This step read the file as the JS SDK does.'
    };
}
function configVariableInvalid(fact) {
    const name = (0,markdown/* code */.aY)(fact.variable);
    const from = (0,words_origin/* describeOrigin */.uN)(fact.origin);
    // Escaped as JSON would (a newline as `\n`); not at all where it may be a secret.
    const value = fact.shown === undefined ? '…' : JSON.stringify(fact.shown).slice(1, -1);
    const { why, thisStep } = problemWords(name, fact.problem);
    const js = said('The AWS SDK for JavaScript', fact.jsSdk, 'jsSdk', value);
    const cli = said('the AWS CLI', fact.awsCli, 'awsCli', value);
    const fix = fact.origin.kind === 'env'
        ? `remove the variable where the workflow or an earlier step sets it`
        : `delete the line`;
    return (0,findings/* finding */.gk)('config-variable-invalid', {
        severity: fact.severity,
        title: titleOf(name, fact.severity, fact.problem),
        message: `${from} is ${(0,markdown/* code */.aY)(value)}, ${why}. ${js}; ${cli}. ${thisStep}`,
        remediation: `Set ${from} to ${acceptedWords(fact.accepted)}, or ${fix} to get the tools' default.`,
        evidence: [
            `${from}: ${fact.length} characters, ${(0,markdown/* code */.aY)(value)}`,
            `AWS SDK for JavaScript: ${verdictWords(fact.jsSdk, 'jsSdk', value)}`,
            `AWS CLI: ${verdictWords(fact.awsCli, 'awsCli', value)}`
        ],
        origin: fact.origin
    });
}

// EXTERNAL MODULE: ./src/report/words/usage.ts
var usage = __webpack_require__(263);
;// CONCATENATED MODULE: ./src/report/words/credentials-file-malformed.ts
/** A shared credentials or config file that the SDKs would misread, or that was not read. */



/** A problem of one line, in words (discovery words the lines it parsed itself). */
function messageOf(problem) {
    const about = problem.about;
    if (about.kind === 'issue')
        return about.message;
    if (about.kind === 'ignored-section')
        return `Section ${(0,markdown/* code */.aY)(`[${about.header}]`)} on line ${problem.line} is ignored: ${about.reason}.`;
    return `The AWS CLI cannot parse this file (line ${problem.line}: ${about.reason}): every \`aws\` command in the job fails with "Unable to parse config file", even where valid key variables are set, while the JS SDK reads the file.`;
}
/**
 * A file above the size this action reads: the tools read it, so nothing here may say what is
 * or is not in it. A notice; where no other source gives credentials, no-credentials says so.
 */
function unreadFinding(fact) {
    return (0,findings/* finding */.gk)('credentials-file-malformed', {
        severity: 'notice',
        title: `${fact.file} was not read by this action`,
        message: `This action did not read ${(0,markdown/* code */.aY)(fact.file)} (${fact.detail ?? 'too large'}; it reads at most ${fact.maxBytes / 1024 / 1024} MiB of a file), so its profiles are not checked; the JS SDK and the AWS CLI read it whatever its size.`,
        remediation: 'A credentials or config file of a few profiles is under 1 KiB: remove what does not belong in it (a log, a pasted archive, thousands of comment lines).',
        origin: { kind: 'file', path: fact.file, line: 1, key: '', section: '' }
    });
}
function problemsFinding(file, severity, problems) {
    const first = problems[0];
    const origin = {
        kind: 'file',
        path: file,
        line: first?.line ?? 1,
        key: '',
        section: first?.section ?? ''
    };
    const count = problems.length;
    return (0,findings/* finding */.gk)('credentials-file-malformed', {
        severity,
        title: count === 1
            ? `${file} line ${first?.line ?? 1} would be misread`
            : `${file} has ${count} lines the SDKs would misread`,
        message: `${first === undefined ? '' : messageOf(first)}` +
            (count > 1
                ? ` And ${count - 1} more problem${count === 2 ? '' : 's'} in this file (see the evidence).`
                : '') +
            (0,usage/* useNote */.mw)(severity),
        remediation: 'Open the file at the lines named and keep to the layout both the AWS CLI and the SDKs read alike: a `[section]` first, one lower-case `key = value` per line, no indentation, comments on lines of their own, each section and key once. `aws configure list --profile NAME` shows what the AWS CLI resolves (keys masked). If a workflow step generates the file, fix the template in the workflow.',
        ...(count > 1
            ? {
                evidence: problems
                    .slice(0, 12)
                    .map(problem => `line ${problem.line}: ${messageOf(problem)}`)
            }
            : {}),
        origin
    });
}
function credentialsFileMalformed(fact) {
    if (fact.kind === 'unread')
        return unreadFinding(fact);
    return problemsFinding(fact.file, fact.severity, fact.problems);
}

;// CONCATENATED MODULE: ./src/report/words/credential-variable-misnamed.ts



const WHY = {
    case: 'variable names are case-sensitive on Linux and macOS runners',
    'other-name': 'it is a name other tools or older SDKs used',
    misspelt: 'it is spelt differently',
    whitespace: 'the name has a space before or after it'
};
function consequence(severity, variable) {
    if (severity === 'notice')
        return ` The job gets what \`${variable.meant}\` gives from elsewhere, so this costs it nothing; the variable is left over, or misleads whoever reads the workflow.`;
    if (severity === 'warning')
        return ` Nothing else sets \`${variable.meant}\` in this job, so the tools use their default instead.`;
    return ' Nothing else gives the job that part of its credentials, which is why they are missing.';
}
function credentialVariableMisnamed(fact) {
    const { variable, severity } = fact;
    // As JSON would write it: a space before or after the name shows.
    const shown = (0,markdown/* code */.aY)(JSON.stringify(variable.name));
    return (0,findings/* finding */.gk)('credential-variable-misnamed', {
        severity,
        title: `${variable.kind === 'whitespace' ? shown : (0,markdown/* code */.aY)(variable.name)} is not read by the AWS tools: the name they read is \`${variable.meant}\``,
        message: `The environment has a variable ${shown}, but neither the AWS SDK for JavaScript nor the AWS CLI reads a variable of that name (${WHY[variable.kind]}); they read \`${variable.meant}\`.` +
            consequence(severity, variable) +
            (severity === 'error' ? ` ${(0,usage/* whatToolsDo */.Lg)(fact)}` : ''),
        remediation: `Rename the variable to \`${variable.meant}\` where the workflow sets it (the key in its \`env:\` block), keeping its value.`,
        source: 'environment',
        evidence: [
            `${shown} is set (${variable.kind})`,
            ...(severity === 'error' ? (0,usage/* toolEvidence */.kY)(fact) : [])
        ],
        origin: { kind: 'env', name: variable.name }
    });
}

;// CONCATENATED MODULE: ./src/report/words/example-credentials.ts


function exampleCredentials(fact) {
    const examples = fact.examples;
    const first = examples[0];
    const parts = examples.map(({ part, origin }) => `the ${words_origin/* PART_NAMES */.zK[part]} from ${(0,words_origin/* describeOrigin */.uN)(origin)}`);
    const described = parts.length <= 1
        ? (parts[0] ?? '')
        : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1] ?? ''}`;
    return (0,findings/* finding */.gk)('example-credentials', {
        message: `${described[0]?.toUpperCase() ?? ''}${described.slice(1)} ${examples.length === 1 ? 'is' : 'are'} the example value${examples.length === 1 ? '' : 's'} printed in the AWS documentation. ` +
            'Example keys belong to no account and are always refused (STS answers `InvalidClientTokenId`).',
        remediation: 'Replace the example with real credentials, best short-lived ones from OIDC (`aws-actions/configure-aws-credentials` with `role-to-assume`), or map your own secrets: `AWS_ACCESS_KEY_ID: ${{ secrets.AWS_ACCESS_KEY_ID }}`. If the example keys are meant for a local emulator (LocalStack, moto), set them only on the steps that talk to it, together with its `AWS_ENDPOINT_URL`.',
        source: fact.source,
        evidence: examples.map(({ part, origin }) => `${words_origin/* PART_NAMES */.zK[part]}: ${(0,words_origin/* describeOrigin */.uN)(origin)}`),
        ...(first === undefined ? {} : { origin: first.origin })
    });
}

// EXTERNAL MODULE: ./src/report/words/endpoint-override.ts
var endpoint_override = __webpack_require__(1004);
;// CONCATENATED MODULE: ./src/report/words/key-pair.ts
/** A key pair that did not arrive whole: a variable set but empty, or a half missing. */




function variableName(origin) {
    return origin.kind === 'env' ? (0,markdown/* code */.aY)(origin.name) : (0,words_origin/* describeOrigin */.uN)(origin);
}
function emptyCredentialVariable(fact) {
    const names = fact.empty.map(value => variableName(value.origin));
    const one = fact.empty.length === 1;
    return (0,findings/* finding */.gk)('empty-credential-variable', {
        severity: fact.severity,
        title: `${names.join(' and ')} ${one ? 'is' : 'are'} set but empty`,
        message: `${names.join(' and ')} ${one ? 'exists' : 'exist'} in the environment with an empty value. ` +
            'An expression such as `${{ secrets.AWS_ACCESS_KEY_ID }}` becomes an empty string when the secret does not exist in this repository, organisation or environment, or is not available to this run. ' +
            'The JS SDK then ignores the pair and looks elsewhere. ' +
            (0,usage/* whatToolsDo */.Lg)(fact) +
            (0,usage/* useNote */.mw)(fact.severity),
        remediation: "Compare the secret's name in the workflow with `gh secret list` (and `gh secret list --env NAME` for environment secrets, which also need `environment: NAME` on the job); create a missing one with `gh secret set AWS_ACCESS_KEY_ID`. A reusable workflow needs the secrets passed to it (`secrets: inherit`).",
        source: fact.source,
        evidence: [
            ...fact.empty.map(value => `${(0,words_origin/* describeOrigin */.uN)(value.origin)} is ""`),
            ...(0,usage/* toolEvidence */.kY)(fact)
        ],
        ...(fact.empty[0] === undefined ? {} : { origin: fact.empty[0].origin })
    });
}
const VARIABLES = { accessKeyId: 'AWS_ACCESS_KEY_ID', secretAccessKey: 'AWS_SECRET_ACCESS_KEY' };
const INPUTS = { accessKeyId: 'aws-access-key-id', secretAccessKey: 'aws-secret-access-key' };
const FILE_KEYS = { accessKeyId: 'aws_access_key_id', secretAccessKey: 'aws_secret_access_key' };
function incompleteCredentials(fact) {
    const missing = fact.have === 'accessKeyId' ? 'secretAccessKey' : 'accessKeyId';
    const where = fact.sourceKind === 'environment'
        ? (0,markdown/* code */.aY)(VARIABLES[missing])
        : fact.sourceKind === 'input'
            ? `the input ${(0,markdown/* code */.aY)(INPUTS[missing])}`
            : `${(0,markdown/* code */.aY)(FILE_KEYS[missing])} in the same profile`;
    const have = fact.haveOrigin === undefined ? '' : (0,words_origin/* describeOrigin */.uN)(fact.haveOrigin);
    return (0,findings/* finding */.gk)('incomplete-credentials', {
        severity: fact.severity,
        title: `The ${words_origin/* PART_NAMES */.zK[missing]} is missing`,
        message: `${(0,markdown/* escapeText */.X1)(fact.source)} has the ${words_origin/* PART_NAMES */.zK[fact.have]} (${have}) but no ${words_origin/* PART_NAMES */.zK[missing]}: ${where} is not set. ` +
            `The AWS SDK for JavaScript passes over half a pair and looks elsewhere. ${(0,usage/* whatToolsDo */.Lg)(fact)}${(0,usage/* useNote */.mw)(fact.severity)}`,
        remediation: fact.sourceKind === 'environment' || fact.sourceKind === 'input'
            ? `Provide both halves of the key pair, each from its own secret: \`AWS_ACCESS_KEY_ID: \${{ secrets.AWS_ACCESS_KEY_ID }}\` and \`AWS_SECRET_ACCESS_KEY: \${{ secrets.AWS_SECRET_ACCESS_KEY }}\`.`
            : `Add \`${FILE_KEYS[missing]} = …\` to the profile, spelled exactly so (a misspelled key name is ignored; see credentials-file-malformed), or delete the stale profile.`,
        source: fact.source,
        evidence: (0,usage/* toolEvidence */.kY)(fact),
        ...(fact.haveOrigin === undefined ? {} : { origin: fact.haveOrigin })
    });
}

;// CONCATENATED MODULE: ./src/report/words/invisible-characters.ts
/** Characters outside printable ASCII in a credential: named, placed, and what they cost. */


/** Names of the characters people most often paste by accident; others get their category. */
const NAMES = {
    0x00: 'NULL',
    0x09: 'TAB',
    0x0a: 'LINE FEED (newline)',
    0x0b: 'LINE TABULATION',
    0x0c: 'FORM FEED',
    0x0d: 'CARRIAGE RETURN',
    0x1b: 'ESCAPE',
    0x20: 'SPACE',
    0x7f: 'DELETE',
    0x85: 'NEXT LINE',
    0xa0: 'NO-BREAK SPACE',
    0xad: 'SOFT HYPHEN',
    0x034f: 'COMBINING GRAPHEME JOINER',
    0x061c: 'ARABIC LETTER MARK',
    0x1680: 'OGHAM SPACE MARK',
    0x180e: 'MONGOLIAN VOWEL SEPARATOR',
    0x2000: 'EN QUAD',
    0x2001: 'EM QUAD',
    0x2002: 'EN SPACE',
    0x2003: 'EM SPACE',
    0x2004: 'THREE-PER-EM SPACE',
    0x2005: 'FOUR-PER-EM SPACE',
    0x2006: 'SIX-PER-EM SPACE',
    0x2007: 'FIGURE SPACE',
    0x2008: 'PUNCTUATION SPACE',
    0x2009: 'THIN SPACE',
    0x200a: 'HAIR SPACE',
    0x200b: 'ZERO WIDTH SPACE',
    0x200c: 'ZERO WIDTH NON-JOINER',
    0x200d: 'ZERO WIDTH JOINER',
    0x200e: 'LEFT-TO-RIGHT MARK',
    0x200f: 'RIGHT-TO-LEFT MARK',
    0x2028: 'LINE SEPARATOR',
    0x2029: 'PARAGRAPH SEPARATOR',
    0x202a: 'LEFT-TO-RIGHT EMBEDDING',
    0x202b: 'RIGHT-TO-LEFT EMBEDDING',
    0x202c: 'POP DIRECTIONAL FORMATTING',
    0x202d: 'LEFT-TO-RIGHT OVERRIDE',
    0x202e: 'RIGHT-TO-LEFT OVERRIDE',
    0x202f: 'NARROW NO-BREAK SPACE',
    0x205f: 'MEDIUM MATHEMATICAL SPACE',
    0x2060: 'WORD JOINER',
    0x2061: 'FUNCTION APPLICATION',
    0x2062: 'INVISIBLE TIMES',
    0x2063: 'INVISIBLE SEPARATOR',
    0x2064: 'INVISIBLE PLUS',
    0x2066: 'LEFT-TO-RIGHT ISOLATE',
    0x2067: 'RIGHT-TO-LEFT ISOLATE',
    0x2068: 'FIRST STRONG ISOLATE',
    0x2069: 'POP DIRECTIONAL ISOLATE',
    0x3000: 'IDEOGRAPHIC SPACE',
    0xfeff: 'BYTE ORDER MARK (zero width no-break space)',
    0xfffd: 'REPLACEMENT CHARACTER (the file or variable held invalid UTF-8)',
    0x2018: 'LEFT SINGLE QUOTATION MARK',
    0x2019: 'RIGHT SINGLE QUOTATION MARK',
    0x201c: 'LEFT DOUBLE QUOTATION MARK',
    0x201d: 'RIGHT DOUBLE QUOTATION MARK',
    0x2010: 'HYPHEN',
    0x2013: 'EN DASH',
    0x2014: 'EM DASH'
};
/** The code point, its name where known, else what kind of character it is. */
function describeCharacter(codePoint) {
    const hex = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
    const name = NAMES[codePoint];
    if (name !== undefined)
        return `${hex} ${name}`;
    const character = String.fromCodePoint(codePoint);
    if (codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0))
        return `${hex} control character`;
    if (/\p{Zs}/u.test(character))
        return `${hex} space character`;
    if (/\p{Cf}/u.test(character))
        return `${hex} invisible formatting character`;
    if (/\p{Co}|\p{Cn}/u.test(character))
        return `${hex} unassigned or private-use character`;
    if (/\p{Cs}/u.test(character))
        return `${hex} lone surrogate (broken UTF-16)`;
    if (/\p{M}/u.test(character))
        return `${hex} combining mark`;
    return `${hex} non-ASCII character (looks like a letter or symbol, but is not ASCII)`;
}
function where(index, length) {
    if (index === 0)
        return 'at the start';
    if (index === length - 1)
        return 'at the end';
    return `at position ${index + 1} of ${length}`;
}
function invisible_characters_consequence(part, unsendable) {
    if (part === 'secretAccessKey')
        return 'The secret is only used to sign, so every request is signed wrongly and STS answers `SignatureDoesNotMatch`.';
    if (unsendable)
        return 'It travels in an HTTP header, where Node (`ERR_INVALID_CHAR`) and the AWS CLI ("Invalid header value") refuse it: no request is even sent.';
    return 'It travels in an HTTP header as it is, and AWS does not recognise the value.';
}
function remediation(fact) {
    if (fact.plusAsSpace)
        return 'Each space stands where the secret has a `+`, which URL (form) decoding turned into a space: store the value again as `aws iam create-access-key` printed it, and where it must travel in a URL or a form, encode it (`encodeURIComponent`, `curl --data-urlencode`) so `+` arrives as `%2B`.';
    if (fact.trailingNewline)
        return 'Store the value again without the line break: `printf \'%s\' "$VALUE" | gh secret set NAME` (not `echo`, not `--body "$(cat file)"` on a file with Windows line endings), and write `KEY: ${{ secrets.NAME }}` on one line in the workflow, never as a `|` or `>` block.';
    return "Store the value again, typed or copied from the IAM console or the output of `aws iam create-access-key`, not from a chat, a web page or a document that inserts invisible characters; `LC_ALL=C tr -cd 'A-Za-z0-9/+'` keeps only the characters a secret may contain.";
}
function invisibleCharacters(fact) {
    const { found, length } = fact;
    const evidence = found
        .slice(0, 8)
        .map(({ codePoint, index }) => `${describeCharacter(codePoint)} ${where(index, length)}`);
    if (found.length > 8)
        evidence.push(`and ${found.length - 8} more`);
    const first = evidence[0] ?? '';
    const name = (0,words_origin/* nameOfValue */.kF)(fact.origin, fact.part);
    return (0,findings/* finding */.gk)('invisible-characters', {
        title: found.length === 1
            ? `${name} contains ${first}`
            : `${name} contains ${found.length} invisible or non-ASCII characters`,
        message: `The ${words_origin/* PART_NAMES */.zK[fact.part]} from ${(0,words_origin/* describeOrigin */.uN)(fact.origin)} (${length} characters) contains ${evidence.join('; ')}. ` +
            `AWS credentials are printable ASCII only, and neither the AWS CLI nor the SDKs trim them. ${invisible_characters_consequence(fact.part, fact.unsendable)}`,
        remediation: remediation(fact),
        source: fact.source,
        evidence,
        origin: fact.origin
    });
}

;// CONCATENATED MODULE: ./src/report/words/key-shapes.ts
const UNIQUE_IDS = {
    AIDA: 'the unique ID of an IAM user (the `UserId` that `aws sts get-caller-identity` prints)',
    AROA: 'the unique ID of an IAM role (the `UserId` of a role session)',
    AGPA: 'the unique ID of an IAM group',
    ANPA: 'the ID of a managed policy',
    ANVA: 'the ID of a managed policy version',
    AIPA: 'the ID of an EC2 instance profile',
    APKA: 'the ID of a public key',
    ASCA: 'the ID of a certificate'
};
const JOINED_PAIR = 'it holds a whole key pair, the access key ID and the secret joined into one value: each belongs in its own variable';
const CSV_LINE = 'it contains a comma: it looks like a whole line of the downloaded CSV file';
/** Why a value is not an access key ID, as the finding says it. */
function keyIdProblemWords(problem) {
    switch (problem.kind) {
        case 'unique-id': {
            const session = problem.session ? ' followed by a session name' : '';
            const account = problem.account === undefined ? '' : ` in account ${problem.account}`;
            return `it starts with ${problem.prefix}${session}: it is ${UNIQUE_IDS[problem.prefix]}${account}, which names an identity but cannot sign anything`;
        }
        case 'arn':
            return 'it is an ARN, the name of a user or role, not an access key ID';
        case 'email':
            return 'it looks like an e-mail address or a user name';
        case 'secret-shape':
            return 'it has the shape of a secret access key (40 characters of base64), not of a key ID';
        case 'token-shape':
            return 'it has the shape of a session token, not of a key ID';
        case 'joined-pair':
            return JOINED_PAIR;
        case 'csv-line':
            return CSV_LINE;
        case 'lower-case':
            return 'it contains lower-case letters, and access key IDs are all upper-case';
        case 'prefix':
            return 'it does not start with AKIA (long-term key) or ASIA (temporary key)';
        case 'length':
            return `it is ${problem.length} characters long instead of 20`;
        case 'characters':
            return 'it contains characters other than upper-case letters and digits';
        case 'misread-digits':
            return 'it contains 0, 1, 8 or 9, which never occur after the prefix (a misread O, I or B?)';
    }
}
const SECRET_PROBLEMS = {
    'plus-as-space': 'it has a space wherever the secret has a `+`: URL (form) decoding reads `+` as a space, so the value went through a query string or a form field on its way in',
    'joined-pair': JOINED_PAIR,
    'key-id-shape': 'it has the shape of an access key ID (AKIA…/ASIA…), not of a secret',
    'url-encoded': 'it is URL-encoded (`%2F` for `/`, `%2B` for `+`)',
    'base64-of-secret': "it is the base64 encoding of a 40-character secret (copied from a Kubernetes Secret's `data:`?)",
    'token-shape': 'it has the shape of a session token, not of a secret',
    'csv-line': CSV_LINE,
    padding: 'it contains `=`, base64 padding that never occurs in a secret access key',
    characters: 'it contains characters outside letters, digits, `/` and `+`'
};
/** Why a value is not a secret access key, as the finding says it. */
function secretProblemWords(problem) {
    if (problem.kind === 'length')
        return `it is ${problem.length} characters long instead of 40`;
    return SECRET_PROBLEMS[problem.kind];
}

;// CONCATENATED MODULE: ./src/report/words/key-malformed.ts
/** A value in the key ID's or the secret's place that is not one: what it is instead. */



function accessKeyIdMalformed(fact) {
    const where = (0,words_origin/* describeOrigin */.uN)(fact.origin);
    return (0,findings/* finding */.gk)('access-key-id-malformed', {
        message: `The access key ID from ${where} is not an access key ID: ${keyIdProblemWords(fact.problem)}.`,
        remediation: 'Use the `AccessKeyId` that `aws iam create-access-key` printed (or IAM → Users → NAME → Security credentials → Access keys): 20 characters, `AKIA` followed by upper-case letters and the digits 2–7. `aws iam list-access-keys --user-name NAME` lists the real ones.',
        source: fact.source,
        evidence: [`${where}: ${fact.length} characters`],
        origin: fact.origin
    });
}
function secretAccessKeyMalformed(fact) {
    const where = (0,words_origin/* describeOrigin */.uN)(fact.origin);
    return (0,findings/* finding */.gk)('secret-access-key-malformed', {
        message: `The secret access key from ${where} is malformed: ${secretProblemWords(fact.problem)}. STS would answer \`SignatureDoesNotMatch\`.`,
        remediation: 'Store the `SecretAccessKey` exactly as `aws iam create-access-key` printed it: 40 characters of letters, digits, `/` and `+`. IAM shows a secret only once: if it is lost, create a new key, store both halves together, and delete the old key.',
        source: fact.source,
        evidence: [`${where}: ${fact.length} characters`],
        origin: fact.origin
    });
}

;// CONCATENATED MODULE: ./src/report/words/keys-swapped.ts



function keysSwapped(fact) {
    const keyId = (0,words_origin/* describeOrigin */.uN)(fact.keyId.origin);
    const secret = (0,words_origin/* describeOrigin */.uN)(fact.secret.origin);
    return (0,findings/* finding */.gk)('keys-swapped', {
        message: `The access key ID and the secret access key of ${(0,markdown/* escapeText */.X1)(fact.source)} are in each other's places: ${keyId} holds a 40-character secret, and ${secret} holds an access key ID. STS would look the secret up as a key ID and answer \`InvalidClientTokenId\`.`,
        remediation: 'Check the mapping first, it is the usual cause: `AWS_ACCESS_KEY_ID: ${{ secrets.AWS_ACCESS_KEY_ID }}` and `AWS_SECRET_ACCESS_KEY: ${{ secrets.AWS_SECRET_ACCESS_KEY }}` (or the inputs `aws-access-key-id` / `aws-secret-access-key`, or the two lines of the credentials file). If the mapping is right, the stored secrets are crossed: store each value again under its own name with `gh secret set`.',
        source: fact.source,
        evidence: [
            `${keyId}: shaped like a secret access key`,
            `${secret}: shaped like an access key ID`
        ],
        origin: fact.keyId.origin
    });
}

// EXTERNAL MODULE: ./src/report/words/long-term-credentials.ts
var long_term_credentials = __webpack_require__(6764);
;// CONCATENATED MODULE: ./src/report/words/placeholder-credentials.ts


const KINDS = {
    'actions-expression': 'an unexpanded GitHub Actions expression (`${{ … }}`): Actions evaluates expressions only in workflow and action files',
    'shell-variable': "an unexpanded shell variable reference (`$NAME` or `${NAME}`): `env:` and `with:` values are not run through a shell, and a quoted heredoc (`<<'EOF'`) does not expand them either",
    'windows-variable': 'an unexpanded Windows variable reference (`%NAME%`)',
    masked: 'a masked value (`***`) copied from a job log, where GitHub hides secrets',
    brackets: 'a template placeholder in brackets (`<…>`)',
    'repeated-character': 'a run of one repeated character (such as `XXXX…`)',
    'placeholder-word': 'a placeholder word (such as changeme, TODO or dummy)',
    'template-text': 'a template text (such as YOUR_ACCESS_KEY_ID)'
};
function placeholderCredentials(fact) {
    return (0,findings/* finding */.gk)('placeholder-credentials', {
        title: `${(0,words_origin/* nameOfValue */.kF)(fact.origin, fact.part)} holds a placeholder, not a credential`,
        message: `The ${words_origin/* PART_NAMES */.zK[fact.part]} from ${(0,words_origin/* describeOrigin */.uN)(fact.origin)} is ${KINDS[fact.kind]}. It reaches the SDK exactly as written, and AWS refuses it.`,
        remediation: 'Map the secret with an expression in the workflow, e.g. `AWS_SECRET_ACCESS_KEY: ${{ secrets.AWS_SECRET_ACCESS_KEY }}`. When a `run:` step writes a credentials file, pass the secrets in `env:` and use an unquoted heredoc delimiter (`<<EOF`) so the shell expands them. Never copy values from a job log: GitHub shows secrets there as `***`.',
        source: fact.source,
        evidence: [`${(0,words_origin/* describeOrigin */.uN)(fact.origin)}: ${fact.length} characters`],
        origin: fact.origin
    });
}

;// CONCATENATED MODULE: ./src/report/words/quoted-value.ts


function describe(quotes) {
    if (quotes.start !== undefined && quotes.end !== undefined)
        return quotes.start === quotes.end
            ? `is wrapped in ${quotes.start}s`
            : `starts with a ${quotes.start} and ends with a ${quotes.end}`;
    if (quotes.start !== undefined)
        return `starts with a ${quotes.start}`;
    return `ends with a ${quotes.end ?? 'quote'}`;
}
function quotedValue(fact) {
    const where = (0,words_origin/* describeOrigin */.uN)(fact.origin);
    const shape = fact.onlyQuotes ? 'holds nothing but quote characters' : describe(fact.quotes);
    return (0,findings/* finding */.gk)('quoted-value', {
        title: `${(0,words_origin/* nameOfValue */.kF)(fact.origin, fact.part)} ${fact.onlyQuotes ? 'holds only quotes' : 'is wrapped in quotes'}`,
        message: `The ${words_origin/* PART_NAMES */.zK[fact.part]} from ${where} ${shape}. The quotes are part of the value: environment variables are taken literally, and both the AWS CLI and the JS SDK keep quotes in credentials files too, so AWS receives ${fact.part === 'secretAccessKey' ? 'a different secret and answers `SignatureDoesNotMatch`' : 'a value it does not know'}.`,
        remediation: 'Store the value without quotes. In the workflow a single pair of YAML quotes is fine (`"${{ secrets.X }}"`: YAML removes it), but not two (`\'"${{ secrets.X }}"\'`). Lines written to `$GITHUB_ENV` take everything after `=` literally: `echo "AWS_ACCESS_KEY_ID=$KEY_ID" >> "$GITHUB_ENV"`. In credentials files write `aws_secret_access_key = value` without quotes.',
        source: fact.source,
        evidence: [`${where}: ${fact.onlyQuotes ? 'only quote characters' : describe(fact.quotes)}`],
        origin: fact.origin
    });
}

;// CONCATENATED MODULE: ./src/report/words/region-invalid.ts



function regionInvalid(fact) {
    const from = (0,words_origin/* describeOrigin */.uN)(fact.origin);
    // Escaped as JSON would (a newline as `\n`), so that what is wrong with it is visible.
    const shown = fact.shown === undefined ? '(not shown)' : (0,markdown/* code */.aY)(JSON.stringify(fact.shown).slice(1, -1));
    return (0,findings/* finding */.gk)('region-invalid', {
        message: `The region ${shown} from ${from} is not a valid region name: region names are letters, digits and hyphens (\`eu-west-1\`). The AWS SDK for JavaScript refuses it before sending anything (\`Region not accepted: region="…" is not a valid hostname component.\`), and the AWS CLI does too (\`Provided region_name '…' doesn't match a supported format.\`). Nothing was sent to AWS.`,
        remediation: `Set ${from} to a region name such as \`us-east-1\`, without spaces, quotes or a trailing newline.`,
        evidence: [`${from}: ${fact.length} characters, ${shown}`],
        origin: fact.origin
    });
}

;// CONCATENATED MODULE: ./src/report/words/role-profile-mfa-required.ts



function roleProfileMfaRequired(fact) {
    const role = fact.roleArn === undefined ? 'a role' : (0,markdown/* code */.aY)(fact.roleArn);
    return (0,findings/* finding */.gk)('role-profile-mfa-required', {
        ...(fact.used ? {} : { severity: 'notice' }),
        message: `${(0,markdown/* escapeText */.X1)(fact.source)} assumes ${role} with \`mfa_serial\` ${(0,markdown/* code */.aY)(fact.mfaSerial)} (${(0,words_origin/* describeOrigin */.uN)(fact.origin)}). ` +
            'The JS SDK then stops with "requires multi-factor authentication, but no MFA code callback was provided", and the AWS CLI asks for the code on a terminal: a CI job can type neither.' +
            (fact.used ? '' : ' This run does not use the profile.'),
        remediation: 'Give CI a role whose trust policy does not require `aws:MultiFactorAuthPresent`, assumed through OIDC (`aws-actions/configure-aws-credentials` with `role-to-assume`) or from an instance or container role, and a profile without `mfa_serial`.',
        source: fact.source,
        evidence: [`mfa_serial: ${fact.mfaSerial}`],
        origin: fact.origin
    });
}

;// CONCATENATED MODULE: ./src/report/words/secrets-unavailable.ts
/** The runs that receive no secrets: pull requests from forks, and Dependabot's runs. */



function forkPrSecretsUnavailable(fact) {
    const github = fact.github;
    const head = github.headRepository === '(deleted)'
        ? 'a fork that has since been deleted'
        : `the fork ${(0,markdown/* code */.aY)(github.headRepository ?? 'another repository')}`;
    const number = github.pullRequestNumber === undefined ? '' : ` #${github.pullRequestNumber}`;
    return (0,findings/* finding */.gk)('fork-pr-secrets-unavailable', {
        message: `This run is a ${(0,markdown/* code */.aY)(github.eventName ?? 'pull_request')} event for pull request${number} from ${head} into ${(0,markdown/* code */.aY)(github.repository ?? 'this repository')}. ` +
            'GitHub passes no secrets to workflows triggered from a fork (only `GITHUB_TOKEN`, read-only), so the credentials are empty. Fork pull requests cannot request an OIDC token either.',
        remediation: 'Skip the AWS steps for fork pull requests (`if: github.event.pull_request.head.repo.full_name == github.repository`) and do the AWS work on `push` after merging, or in a workflow a maintainer starts. `pull_request_target` runs with secrets, but must never build or run code from the pull request.',
        evidence: [
            `event: ${github.eventName ?? 'unknown'}`,
            `head repository: ${github.headRepository ?? 'unknown'}`,
            `base repository: ${github.repository ?? 'unknown'}`,
            ...fact.empty.map(value => `${(0,words_origin/* describeOrigin */.uN)(value.origin)} is ""`)
        ],
        ...(fact.empty[0] === undefined ? {} : { origin: fact.empty[0].origin })
    });
}
function dependabotSecretsUnavailable(fact) {
    const github = fact.github;
    const rerunBy = github.triggeringActor !== undefined && github.triggeringActor !== github.actor
        ? [`re-run by: ${(0,markdown/* code */.aY)(github.triggeringActor)}`]
        : [];
    return (0,findings/* finding */.gk)('dependabot-secrets-unavailable', {
        message: `This run was triggered by Dependabot (\`github.actor\` is \`dependabot[bot]\`, event ${(0,markdown/* code */.aY)(github.eventName ?? 'unknown')}). ` +
            'Such runs receive only Dependabot secrets, not GitHub Actions secrets, and a read-only `GITHUB_TOKEN`; this holds even when a person re-runs the workflow. The credentials are therefore empty.',
        remediation: "Store the keys as Dependabot secrets under the same names (`gh secret set AWS_ACCESS_KEY_ID --app dependabot`, ideally for a separate, narrowly scoped IAM user), or skip the AWS steps with `if: github.actor != 'dependabot[bot]'`.",
        evidence: [
            `actor: ${(0,markdown/* code */.aY)(github.actor ?? 'unknown')}`,
            ...rerunBy,
            `event: ${(0,markdown/* code */.aY)(github.eventName ?? 'unknown')}`,
            ...fact.empty.map(value => `${(0,words_origin/* describeOrigin */.uN)(value.origin)} is ""`)
        ],
        ...(fact.empty[0] === undefined ? {} : { origin: fact.empty[0].origin })
    });
}

;// CONCATENATED MODULE: ./src/report/words/sso.ts
/** An SSO profile the SDK refuses before calling the portal: no usable login, or missing keys. */


// CI has no browser for the device-authorization login `aws sso login` starts.
const UNATTENDED = 'SSO cannot sign in unattended in CI: use OIDC instead (`aws-actions/configure-aws-credentials` with `role-to-assume` and `permissions: id-token: write`), or on a self-hosted runner an instance or container role, and drop `AWS_PROFILE` for this job.';
const PROBLEMS = {
    'no-token': 'has no cached SSO login on this runner',
    unreadable: 'has an SSO token cache file that cannot be read',
    invalid: 'has an SSO token cache file the SDK cannot use',
    expired: 'has an expired SSO login'
};
function expiredWords(status, session) {
    if (status.state !== 'expired')
        return '';
    // token-providers fromSso renews through the SSO OIDC service only for an sso_session profile.
    if (!session)
        return ' A legacy profile (without `sso_session`) cannot renew it: the SDK stops with "The SSO session associated with this profile has expired".';
    return status.refreshable === true
        ? ' The cache holds a refresh token, so the SDK tries to renew the login through the SSO OIDC service; that fails once the session itself has ended.'
        : ' The cache holds no refresh token, so the SDK cannot renew it.';
}
/** Why the cached login is of no use, after the problem the title names. */
function reasonOf(status, session) {
    if (status.state === 'no-token')
        return ' Nobody ran `aws sso login` on this machine.';
    if (status.state === 'unreadable')
        return ` It is ${(0,markdown/* escapeText */.X1)(status.detail ?? 'unreadable')}.`;
    if (status.state === 'invalid')
        return ' It is not JSON with `accessToken` and `expiresAt`.';
    return ` It expired at ${status.expiresAt ?? 'an unknown time'}.${expiredWords(status, session)}`;
}
function ssoLoginRequired(fact) {
    const { status, inUse } = fact;
    const problem = status.state === 'valid' || status.state === 'incomplete' ? '' : PROBLEMS[status.state];
    const reason = reasonOf(status, fact.session);
    return (0,findings/* finding */.gk)('sso-login-required', {
        ...(inUse ? {} : { severity: 'notice' }),
        title: `The SSO profile ${problem}`,
        message: `${(0,markdown/* escapeText */.X1)(fact.source)} ${problem}: the SDK reads ${(0,markdown/* code */.aY)(status.cacheFile ?? '')}.${reason}` +
            (inUse ? '' : ' This run does not use the profile.'),
        remediation: UNATTENDED,
        source: fact.source,
        evidence: loginEvidence(status)
    });
}
function loginEvidence(status) {
    return [
        `cache file: ${(0,markdown/* code */.aY)(status.cacheFile ?? '')}`,
        `state: ${status.state}`,
        ...(status.expiresAt === undefined ? [] : [`expires at: ${status.expiresAt}`]),
        ...(status.refreshable === undefined
            ? []
            : [`refresh token: ${status.refreshable ? 'present (not shown)' : 'none'}`])
    ];
}
function ssoProfileIncomplete(fact) {
    const { status, inUse } = fact;
    const keys = status.missingKeys.map(key => (0,markdown/* code */.aY)(key)).join(', ');
    return (0,findings/* finding */.gk)('sso-profile-incomplete', {
        ...(inUse ? {} : { severity: 'notice' }),
        message: `${(0,markdown/* escapeText */.X1)(fact.source)} lacks ${keys}. The JS SDK's fromSSO requires \`sso_start_url\`, \`sso_account_id\`, \`sso_region\` and \`sso_role_name\` (the first and third may come from the \`[sso-session NAME]\` section that \`sso_session\` names) and stops with "Profile is configured with invalid SSO credentials".` +
            (inUse ? '' : ' This run does not use the profile.'),
        remediation: `Add the missing keys to the profile, or better for CI: ${UNATTENDED}`,
        source: fact.source,
        evidence: status.missingKeys.map(key => `missing: ${key}`)
    });
}

;// CONCATENATED MODULE: ./src/report/words/session-token.ts
/** A session token missing beside a temporary key, or left beside a long-term one. */



function sessionTokenMissing(fact) {
    const keyId = (0,words_origin/* describeOrigin */.uN)(fact.keyId.origin);
    const legacy = fact.legacy === undefined ? undefined : (0,words_origin/* describeOrigin */.uN)(fact.legacy.origin);
    const legacyNote = legacy === undefined
        ? ''
        : ` A token is set in ${legacy}, a legacy name that the AWS CLI still reads but the AWS SDK for JavaScript ignores: Node-based tools send the key without it.`;
    return (0,findings/* finding */.gk)('session-token-missing', {
        message: `The access key ID from ${keyId} starts with ASIA: it is a temporary key issued by STS, which is only valid with its session token. ` +
            `None comes with it, so STS will answer \`InvalidClientTokenId\`.${legacyNote}`,
        remediation: legacy === undefined
            ? 'Pass the session token issued with this key (`AWS_SESSION_TOKEN`, the `aws-session-token` input, or `aws_session_token` in the profile). Temporary keys expire within hours: for CI, let `aws-actions/configure-aws-credentials` obtain fresh ones with OIDC instead of storing them as secrets.'
            : `Set the token as \`AWS_SESSION_TOKEN\` (or \`aws_session_token\` in a file), the name every SDK reads. Temporary keys expire within hours: for CI, let \`aws-actions/configure-aws-credentials\` obtain fresh ones with OIDC.`,
        source: fact.source,
        evidence: [
            `${keyId}: ASIA… (temporary key)`,
            legacy === undefined
                ? 'no session token'
                : `${legacy}: legacy token name, not read by the JS SDK`
        ],
        origin: fact.keyId.origin
    });
}
function sessionTokenUnexpected(fact) {
    const keyId = (0,words_origin/* describeOrigin */.uN)(fact.keyId.origin);
    const token = fact.token.origin;
    return (0,findings/* finding */.gk)('session-token-unexpected', {
        message: `The access key ID from ${keyId} is a long-term key (AKIA…), which is used without a session token, but ${(0,words_origin/* describeOrigin */.uN)(token)} holds one. ` +
            (fact.legacy
                ? 'That legacy name is ignored by the JS SDK, but the AWS CLI sends it with the key, and STS rejects the pair (usually `InvalidClientTokenId`).'
                : 'Sent together, STS rejects the pair (usually `InvalidClientTokenId`; AWS does not document the exact error).'),
        remediation: token.kind === 'file'
            ? `Delete the ${(0,markdown/* code */.aY)(token.key)} line from ${token.path} (\`aws configure\` leaves it behind when a long-term key replaces temporary credentials).`
            : `Clear the token on the steps that use long-term keys: \`${token.kind === 'env' ? token.name : 'AWS_SESSION_TOKEN'}: ""\` in \`env:\` (an empty token means "no token"), and remove a stale \`AWS_SESSION_TOKEN\` secret and its mapping.`,
        source: fact.source,
        evidence: [
            `${keyId}: AKIA… (long-term key)`,
            `${(0,words_origin/* describeOrigin */.uN)(token)}: a session token of ${fact.token.length} characters`
        ],
        origin: token
    });
}

;// CONCATENATED MODULE: ./src/report/words/index.ts

















const WORDS = {
    'keys-swapped': keysSwapped,
    'region-invalid': regionInvalid,
    'fork-pr-secrets-unavailable': forkPrSecretsUnavailable,
    'dependabot-secrets-unavailable': dependabotSecretsUnavailable,
    'role-profile-mfa-required': roleProfileMfaRequired,
    'session-token-missing': sessionTokenMissing,
    'session-token-unexpected': sessionTokenUnexpected,
    'long-term-credentials': long_term_credentials/* longTermCredentials */.l,
    'empty-credential-variable': emptyCredentialVariable,
    'incomplete-credentials': incompleteCredentials,
    'credential-variable-misnamed': credentialVariableMisnamed,
    'example-credentials': exampleCredentials,
    'quoted-value': quotedValue,
    'placeholder-credentials': placeholderCredentials,
    'invisible-characters': invisibleCharacters,
    'access-key-id-malformed': accessKeyIdMalformed,
    'secret-access-key-malformed': secretAccessKeyMalformed,
    'sso-login-required': ssoLoginRequired,
    'sso-profile-incomplete': ssoProfileIncomplete,
    'credentials-file-malformed': credentialsFileMalformed,
    'endpoint-override-unreachable': endpoint_override/* endpointOverrideUnreachable */.ge,
    'config-variable-invalid': configVariableInvalid
};
/** The finding a fact stands for, in the words of its ID. */
function worded(fact) {
    const words = WORDS[fact.id];
    return words(fact);
}

;// CONCATENATED MODULE: ./src/checks/check.ts


// The words helpers of the checks not yet returning facts: they move with the last of them.

/**
 * A check whose `run` can only return findings with the IDs in its `ids`: emitting any other
 * fails the type check (and the registry test runs every check to be sure).
 */
function defineCheck(check) {
    return check;
}
/**
 * A check whose `detect` can only return facts with the IDs in its `ids` (as `defineCheck`
 * constrains findings), worded by the one words function of each ID. Its `run` returns the same
 * findings a `defineCheck` check would, so the registry, ordering and supersession are unchanged.
 */
function defineFactCheck(check) {
    return {
        ids: check.ids,
        detect: check.detect,
        run: (discovery, settings) => check.detect(discovery, settings).map(fact => worded(fact))
    };
}
/**
 * Every credential value of every source that holds static keys, in source order. The legacy
 * `AWS_SECURITY_TOKEN` counts as a session token: the AWS CLI sends it.
 */
function credentialValues(discovery) {
    const values = [];
    for (const source of discovery.sources) {
        const credentials = source.credentials;
        if (credentials === undefined)
            continue;
        for (const part of ['accessKeyId', 'secretAccessKey', 'sessionToken']) {
            const value = credentials[part];
            if (value !== undefined)
                values.push({ source, part, value });
        }
        const legacy = credentials.legacySessionToken;
        if (legacy !== undefined)
            values.push({ source, part: 'sessionToken', value: legacy });
    }
    return values;
}
/**
 * The value with the damage that other checks report removed (surrounding quotes and any
 * whitespace or invisible character), so that a format check judges what is left and does
 * not repeat a more specific finding.
 */
function cleaned(raw) {
    return raw.replace(/[^\x21-\x7e]/gu, '').replace(/^["'`]+|["'`]+$/gu, '');
}
/** The name of a value for messages: `AWS_SECRET_ACCESS_KEY`, or `the secret access key`. */
function nameOf(value) {
    return nameOfValue(value.value.origin, value.part);
}


/***/ }),

/***/ 7869:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   MS: () => (/* binding */ giveCredentials),
/* harmony export */   gT: () => (/* binding */ noCredentials)
/* harmony export */ });
/* unused harmony export chainReport */
/* harmony import */ var _findings_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1001);
/* harmony import */ var _check_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1153);
/* harmony import */ var _report_words_usage_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(263);
/* harmony import */ var _discover_files_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(4632);
/* harmony import */ var _aws_credential_source_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6748);
/* harmony import */ var _report_markdown_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(4285);







const FILE_STATES = {
    read: 'exists',
    missing: 'does not exist',
    unreadable: 'cannot be read',
    'not-a-file': 'is not a file',
    'too-large': `was not read by this action (it reads at most ${_discover_files_js__WEBPACK_IMPORTED_MODULE_3__/* .MAX_SHARED_FILE_BYTES */ .qJ / 1024 / 1024} MiB of a file; the JS SDK and the AWS CLI read larger ones)`
};
/** A shared file this action did not read: what the tools find in it is not known here. */
function unreadFile(discovery) {
    return discovery.shared?.files.find(file => file.state === 'too-large');
}
/** What the two tools say, where the action read every file they read. */
function toolsSay(discovery) {
    const unread = unreadFile(discovery);
    if (unread !== undefined)
        return `The JS SDK and the AWS CLI read ${(0,_report_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(unread.display)} (${unread.detail ?? 'too large'}), which this action did not read: they may find credentials there, but this action cannot check them. Keep the shared files small (a credentials file of a few profiles is under 1 KiB).`;
    return ('The JS SDK says `Could not load credentials from any providers`; ' +
        (discovery.tools === undefined
            ? 'the AWS CLI `Unable to locate credentials`.'
            : `the AWS CLI ${(0,_report_words_usage_js__WEBPACK_IMPORTED_MODULE_2__/* .describeUse */ .pt)(discovery.tools.awsCli)}.`));
}
/**
 * How to give credentials where there are none: to the job on a runner, to the shell outside
 * one (`npm start` on a laptop), where workflow `env:` and secrets mean nothing.
 */
function giveCredentials(github) {
    return github.onRunner
        ? "Give the job credentials in the same job, before this step: preferably `aws-actions/configure-aws-credentials` with `role-to-assume` and `permissions: id-token: write`, or `AWS_ACCESS_KEY_ID: ${{ secrets.AWS_ACCESS_KEY_ID }}` and `AWS_SECRET_ACCESS_KEY: ${{ secrets.AWS_SECRET_ACCESS_KEY }}` in the job-level `env:` (a step's `env:` applies to that step only). On a self-hosted runner, check which `HOME` the runner service uses."
        : 'Give this shell credentials: `aws configure` writes a key pair to `~/.aws/credentials`; `aws configure sso` and then `aws sso login --profile NAME` with `AWS_PROFILE=NAME` sign in through IAM Identity Center; or export `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY`.';
}
function fileLine(file) {
    const where = file.origin.kind === 'env'
        ? `${file.display} (from ${(0,_report_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .code */ .aY)(file.origin.name)})`
        : file.display === file.path
            ? file.path
            : `${file.display} (${file.path})`;
    const profiles = file.state === 'read'
        ? `: profiles ${file.profiles.length === 0 ? 'none' : file.profiles.map(name => `"${(0,_report_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .escapeText */ .X1)(name)}"`).join(', ')}`
        : '';
    return `${where} ${FILE_STATES[file.state]}${file.detail === undefined ? '' : ` (${file.detail})`}${profiles}`;
}
function findSource(discovery, kind) {
    return discovery.sources.find(source => source.kind === kind && source.partOf === undefined);
}
/** What each place in the SDK's chain holds, one line each, for the evidence. */
function chainReport(discovery) {
    const lines = [];
    lines.push(findSource(discovery, 'input') === undefined
        ? 'inputs `aws-access-key-id` / `aws-secret-access-key`: not given'
        : 'inputs `aws-access-key-id` / `aws-secret-access-key`: given');
    const environment = findSource(discovery, 'environment');
    if (environment === undefined)
        lines.push('`AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY`: not set');
    else if (environment.skipped !== undefined)
        lines.push(`key variables: ${environment.skipped}`);
    else if (discovery.profile.skipsKeyVariables)
        lines.push(`key variables: hold a key pair, but ${(0,_check_js__WEBPACK_IMPORTED_MODULE_1__/* .describeOrigin */ .uN)(discovery.profile.origin)} names a profile, so the JS SDK skips them`);
    const profile = discovery.profile;
    const missing = discovery.shared?.missingProfiles.find(item => item.name === profile.name);
    const profileSource = discovery.sources.find(source => source.profile === profile.name && source.partOf === undefined);
    if (missing !== undefined)
        lines.push(`profile "${(0,_report_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .escapeText */ .X1)(profile.name)}" (${(0,_check_js__WEBPACK_IMPORTED_MODULE_1__/* .describeOrigin */ .uN)(profile.origin)}): in neither file`);
    else if (profileSource?.skipped !== undefined)
        lines.push(`profile "${(0,_report_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .escapeText */ .X1)(profile.name)}": ${profileSource.skipped}`);
    else if (profileSource === undefined)
        lines.push(`profile "${(0,_report_markdown_js__WEBPACK_IMPORTED_MODULE_5__/* .escapeText */ .X1)(profile.name)}": not defined`);
    for (const file of discovery.shared?.files ?? [])
        lines.push(fileLine(file));
    const webIdentity = findSource(discovery, 'web-identity');
    lines.push(webIdentity === undefined
        ? '`AWS_WEB_IDENTITY_TOKEN_FILE` / `AWS_ROLE_ARN`: not set'
        : `web identity: ${webIdentity.skipped ?? 'configured'}`);
    if (findSource(discovery, 'container') === undefined) {
        lines.push('`AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` / `_FULL_URI`: not set');
        const imds = discovery.instanceMetadata;
        lines.push(`EC2 instance metadata: ${imds.considered ? 'would be asked' : `not asked: ${imds.reason}`}`);
    }
    return lines;
}
/**
 * No source in the SDK's chain provides credentials: reported offline, where discovery sees
 * the whole chain. (A source that looks usable but gives nothing, such as an instance role
 * that is not there, is for the remote phase to find.)
 */
const noCredentials = (0,_check_js__WEBPACK_IMPORTED_MODULE_1__/* .defineCheck */ .qH)({
    ids: ['no-credentials'],
    run: discovery => {
        if (discovery.selected !== undefined)
            return [];
        // A role profile whose credential_source has nothing to read here: which variables, in
        // both tools' words (the JS SDK passes the profile over and finds nothing after it).
        const gap = (0,_aws_credential_source_js__WEBPACK_IMPORTED_MODULE_4__/* .credentialSourceGap */ .nS)(discovery);
        if (gap !== undefined)
            return [
                (0,_findings_js__WEBPACK_IMPORTED_MODULE_0__/* .finding */ .gk)('no-credentials', {
                    ...gap,
                    source: (0,_aws_credential_source_js__WEBPACK_IMPORTED_MODULE_4__/* .credentialSourceProfile */ .Kf)(discovery)?.label,
                    evidence: [...gap.evidence, ...chainReport(discovery)]
                })
            ];
        return [
            (0,_findings_js__WEBPACK_IMPORTED_MODULE_0__/* .finding */ .gk)('no-credentials', {
                message: `No source that ${unreadFile(discovery) === undefined ? 'the AWS SDK looks at' : 'this action could read'} provides credentials on this runner: no credential inputs, no usable key variables, no usable profile, no web identity token file, no container endpoint and no instance role. ` +
                    toolsSay(discovery),
                remediation: giveCredentials(discovery.github),
                evidence: chainReport(discovery)
            })
        ];
    }
});


/***/ }),

/***/ 1540:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   HP: () => (/* binding */ containerSource),
/* harmony export */   Il: () => (/* binding */ CLI_CONTAINER_RULE),
/* harmony export */   Kt: () => (/* binding */ instanceMetadataSource),
/* harmony export */   lS: () => (/* binding */ cliRefusedHost),
/* harmony export */   mq: () => (/* binding */ CONTAINER_ENV),
/* harmony export */   rd: () => (/* binding */ instanceMetadataStatus)
/* harmony export */ });
/* unused harmony export cliContainerHostAllowed */
const CONTAINER_ENV = {
    relativeUri: 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
    fullUri: 'AWS_CONTAINER_CREDENTIALS_FULL_URI',
    authorizationToken: 'AWS_CONTAINER_AUTHORIZATION_TOKEN',
    authorizationTokenFile: 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
    metadataDisabled: 'AWS_EC2_METADATA_DISABLED',
    metadataEndpoint: 'AWS_EC2_METADATA_SERVICE_ENDPOINT',
    metadataV1Disabled: 'AWS_EC2_METADATA_V1_DISABLED'
};
/** The address ECS serves relative container URIs from. */
const ECS_HOST = 'http://169.254.170.2';
/**
 * `ContainerMetadataFetcher._ALLOWED_HOSTS` of botocore 1.43.11 (botocore/utils.py), the AWS
 * CLI v1's: compared as written, after `urlparse` lowercases the host and drops the brackets.
 */
const CLI_ALLOWED_HOSTS = new Set([
    '169.254.170.2',
    '169.254.170.23',
    'fd00:ec2::23',
    'localhost'
]);
/** A dotted quad as Python's `ipaddress.ip_address` reads one: four decimals, no leading zero. */
const PY_IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/u;
/** `urlparse(uri).scheme` and `.hostname`: lowercased, without user information or brackets. */
function pythonUrlParts(uri) {
    const scheme = /^([a-z][a-z0-9+.-]*):/iu.exec(uri)?.[1]?.toLowerCase() ?? '';
    const rest = scheme === '' ? uri : uri.slice(scheme.length + 1);
    if (!rest.startsWith('//'))
        return { scheme, hostname: '' };
    const netloc = rest.slice(2).split(/[/?#]/u)[0] ?? '';
    const host = netloc.slice(netloc.lastIndexOf('@') + 1);
    const hostname = host.startsWith('[')
        ? host.slice(1, Math.max(1, host.indexOf(']')))
        : (host.split(':')[0] ?? '');
    return { scheme, hostname: hostname.toLowerCase() };
}
/** `ip_address(hostname).is_loopback` (Python 3.11): 127.0.0.0/8 or `::1`, in any IPv6 spelling. */
function pythonLoopback(hostname) {
    if (PY_IPV4.test(hostname))
        return hostname.startsWith('127.');
    if (!hostname.includes(':') || !/^[0-9a-f:.]+$/u.test(hostname))
        return false;
    try {
        return new URL(`http://[${hostname}]/`).hostname === '[::1]';
    }
    catch {
        return false;
    }
}
/**
 * Whether the AWS CLI v1 would call this container credentials URI: botocore's
 * `_validate_allowed_url` accepts any `https:` URI, a loopback IP address as Python spells one,
 * and the hosts of `CLI_ALLOWED_HOSTS`; it raises "Unsupported host" for any other, and the CLI
 * stops there. Unlike the JS SDK it reads the host as written, so `127.1`, `2130706433`,
 * `127.000.000.001`, `127.0.0.1.` and `[fd00:ec2:0::23]`, which the JS SDK's URL parser turns
 * into allowed hosts, are refused (measured with both tools, __tests__/differential/container-hosts.test.ts).
 */
function cliContainerHostAllowed(uri) {
    const { scheme, hostname } = pythonUrlParts(uri);
    if (scheme === 'https')
        return true;
    return pythonLoopback(hostname) || CLI_ALLOWED_HOSTS.has(hostname);
}
/** The host as the AWS CLI reads it, where it refuses the URI; undefined where it would call it. */
function cliRefusedHost(uri) {
    if (cliContainerHostAllowed(uri))
        return undefined;
    // `urlparse` gives no host (Python's None) for a value without `//host`.
    return pythonUrlParts(uri).hostname || 'None';
}
/** The CLI's rule for plain `http:`, in words. */
const CLI_CONTAINER_RULE = 'botocore sends plain http only to a loopback IP address written as Python reads one (127.0.0.1, ::1), localhost, 169.254.170.2, 169.254.170.23 or fd00:ec2::23, each exactly as written';
function nonEmpty(env, name) {
    const value = env[name];
    return value === undefined || value === '' ? undefined : value;
}
/** A URI without user information or query, which could carry credentials of their own. */
function displayUri(uri) {
    try {
        const url = new URL(uri);
        return `${url.protocol}//${url.host}${url.pathname}`;
    }
    catch {
        return 'a value that is not a URL';
    }
}
/**
 * What @aws-sdk/credential-provider-http's `fromHttp` asks: the relative URI under
 * 169.254.170.2 wins over the full URI (appended as written, no slash added), and the token
 * file wins over the token variable.
 */
function endpointOf(relative, full, token, tokenFile) {
    const authorization = tokenFile !== undefined
        ? { kind: 'file', path: tokenFile }
        : token !== undefined
            ? { kind: 'variable', token }
            : undefined;
    return {
        ...(relative === undefined
            ? { url: full ?? '', variable: CONTAINER_ENV.fullUri }
            : { url: `${ECS_HOST}${relative}`, variable: CONTAINER_ENV.relativeUri }),
        ...(authorization === undefined ? {} : { authorization }),
        ...(tokenFile !== undefined && token !== undefined ? { fallbackToken: token } : {})
    };
}
function containerSource(env) {
    const relative = nonEmpty(env, CONTAINER_ENV.relativeUri);
    const full = nonEmpty(env, CONTAINER_ENV.fullUri);
    if (relative === undefined && full === undefined)
        return { secrets: [] };
    const token = nonEmpty(env, CONTAINER_ENV.authorizationToken);
    const tokenFile = nonEmpty(env, CONTAINER_ENV.authorizationTokenFile);
    const details = {
        endpoint: relative === undefined
            ? `${displayUri(full ?? '')} (${CONTAINER_ENV.fullUri})`
            : `${displayUri(`${ECS_HOST}${relative.startsWith('/') ? '' : '/'}${relative}`)} (${CONTAINER_ENV.relativeUri})`,
        probed: 'where it is the source in use, asked as the SDK asks it (see the checks)'
    };
    // The CLI refuses some spellings the JS SDK accepts: a later `aws` step would fail here.
    const refused = cliRefusedHost(relative === undefined ? (full ?? '') : ECS_HOST);
    if (refused !== undefined)
        details.awsCli = `refuses this URI before asking it ("Unsupported host '${refused}'"): ${CLI_CONTAINER_RULE}`;
    if (tokenFile !== undefined)
        details.authorization = `token file ${tokenFile}`;
    else if (token !== undefined)
        details.authorization = `token in ${CONTAINER_ENV.authorizationToken}`;
    return {
        source: { kind: 'container', label: 'container credentials endpoint', details },
        endpoint: endpointOf(relative, full, token, tokenFile),
        secrets: token === undefined ? [] : [token]
    };
}
/**
 * Whether the SDK would ask the instance metadata service, and if not, why. GitHub-hosted
 * runners have no EC2 instance role, so there it is not counted as a source at all.
 */
function instanceMetadataStatus(env) {
    const disabled = env[CONTAINER_ENV.metadataDisabled];
    // The JS SDK treats any non-empty value other than "false" as disabling IMDS.
    if (disabled !== undefined && disabled !== '' && disabled !== 'false')
        return { considered: false, reason: `${CONTAINER_ENV.metadataDisabled} is set` };
    if (env.RUNNER_ENVIRONMENT === 'github-hosted')
        return { considered: false, reason: 'GitHub-hosted runners have no EC2 instance role' };
    const endpoint = nonEmpty(env, CONTAINER_ENV.metadataEndpoint);
    const v1 = env[CONTAINER_ENV.metadataV1Disabled];
    // The same rule as for AWS_EC2_METADATA_DISABLED (@smithy/credential-provider-imds).
    const v1Disabled = v1 !== undefined && v1 !== '' && v1 !== 'false';
    return {
        considered: true,
        ...(endpoint === undefined ? {} : { endpoint }),
        ...(v1Disabled ? { v1Disabled } : {})
    };
}
function instanceMetadataSource(env) {
    if (!instanceMetadataStatus(env).considered)
        return undefined;
    const endpoint = nonEmpty(env, CONTAINER_ENV.metadataEndpoint);
    return {
        kind: 'instance-metadata',
        label: 'EC2 instance metadata (IMDS)',
        details: {
            probed: 'where it is the source in use, asked as the SDK asks it (see the checks); a self-hosted runner on EC2 gets its instance role here',
            ...(endpoint === undefined ? {} : { endpoint: displayUri(endpoint) })
        }
    };
}


/***/ }),

/***/ 4632:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Q4: () => (/* binding */ readFileFromDisk),
/* harmony export */   T1: () => (/* binding */ specialFileIn),
/* harmony export */   b6: () => (/* binding */ textOf),
/* harmony export */   qJ: () => (/* binding */ MAX_SHARED_FILE_BYTES)
/* harmony export */ });
/* unused harmony export MAX_FILE_BYTES */
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3916);
/**
 * The one place discovery touches the file system. A path named by a variable may be anything:
 * missing, a directory, a FIFO that would block a read forever, a 10 MB file, unreadable bytes.
 * Every case becomes a status, never an exception.
 */



/**
 * The most this action reads of a token, a workflow or an event file: larger than any real one.
 */
const MAX_FILE_BYTES = 4 * 1024 * 1024;
/**
 * The most this action reads of a shared credentials or config file. Neither tool has a limit
 * of its own: the JS SDK and the AWS CLI both read a 64 MiB credentials file of comments and use
 * the key pair at its end (measured with credential-provider-node 3.972.99 and botocore 1.43.11;
 * 0.4 s and 1.3 s for 5 MiB). Reading and parsing 16 MiB twice (as each tool reads it) stays
 * well under a second; a larger file is reported as not read by this action, never as holding
 * no credentials.
 */
const MAX_SHARED_FILE_BYTES = 16 * 1024 * 1024;
function errorCode(error) {
    if (typeof error !== 'object' || error === null)
        return undefined;
    const code = error.code;
    return typeof code === 'string' ? code : undefined;
}
function failure(error) {
    const code = errorCode(error);
    if (code === 'ENOENT' || code === 'ENOTDIR')
        return { state: 'missing' };
    if (code === 'EISDIR')
        return { state: 'not-a-file', detail: 'a directory' };
    return { state: 'unreadable', detail: code ?? (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .describeError */ .Uc)(error) };
}
/** Why a file is not read at all: not a regular file, or larger than any the SDKs would take. */
function refusal(stat, maxBytes) {
    if (stat.isDirectory())
        return { state: 'not-a-file', detail: 'a directory' };
    if (!stat.isFile())
        return { state: 'not-a-file', detail: 'not a regular file' };
    if (stat.size > maxBytes)
        return { state: 'too-large', detail: `${stat.size} bytes` };
    return undefined;
}
/** Reads to the end rather than trusting the size: files in /proc report 0 bytes. */
function readToEnd(descriptor, maxBytes) {
    const chunks = [];
    let total = 0;
    for (;;) {
        const chunk = Buffer.alloc(64 * 1024);
        const read = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readSync)(descriptor, chunk, 0, chunk.length, null);
        if (read === 0)
            break;
        chunks.push(chunk.subarray(0, read));
        total += read;
        if (total > maxBytes)
            return { state: 'too-large', detail: `over ${maxBytes} bytes` };
    }
    return { state: 'read', text: Buffer.concat(chunks).toString('utf8') };
}
/**
 * Opens without following into special files: the descriptor is checked to be a regular file
 * before a single byte is read, so a FIFO or a device never blocks discovery.
 */
const readFileFromDisk = (path, maxBytes = MAX_FILE_BYTES) => {
    if (path === '' || path.includes('\u0000'))
        return { state: 'missing' };
    let descriptor;
    try {
        // O_NONBLOCK keeps the open itself from waiting for a writer on a FIFO.
        descriptor = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync)(path, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_RDONLY | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NONBLOCK);
        return refusal((0,node_fs__WEBPACK_IMPORTED_MODULE_0__.fstatSync)(descriptor), maxBytes) ?? readToEnd(descriptor, maxBytes);
    }
    catch (error) {
        return failure(error);
    }
    finally {
        if (descriptor !== undefined)
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(descriptor);
    }
};
/** The text of a file, or undefined: for callers that only care whether they got it. */
function textOf(read) {
    return read.state === 'read' ? read.text : undefined;
}
/**
 * The first entry of `directory` (the SSO token cache) that is neither a regular file nor a
 * directory, by name: the SDK would block opening a FIFO there. Nothing is opened; a directory
 * that cannot be listed has nothing to say.
 */
function specialFileIn(directory) {
    let names;
    try {
        names = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync)(directory);
    }
    catch {
        return undefined;
    }
    for (const name of names.slice(0, 1000)) {
        try {
            // stat follows a link without opening what it points at.
            const stat = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)((0,node_path__WEBPACK_IMPORTED_MODULE_1__.join)(directory, name));
            if (!stat.isFile() && !stat.isDirectory())
                return name;
        }
        catch {
            // Gone since the listing: nothing to open.
        }
    }
    return undefined;
}


/***/ }),

/***/ 1001:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fg: () => (/* binding */ definitionOf),
/* harmony export */   IQ: () => (/* binding */ rankOf),
/* harmony export */   P$: () => (/* binding */ docsPath),
/* harmony export */   gk: () => (/* binding */ finding)
/* harmony export */ });
/* unused harmony exports isFindingId, FINDINGS */
const DEFINITIONS = [
    // The action itself.
    {
        id: 'settings-invalid',
        severity: 'error',
        title: 'An input has a value the action cannot use',
        retry: 'configuration'
    },
    {
        id: 'internal-error',
        severity: 'error',
        title: 'The action failed unexpectedly',
        retry: 'unknown'
    },
    // Why no credentials reached the job at all.
    // With role-to-assume, a job that cannot request its OIDC token explains everything after it.
    {
        id: 'oidc-permission-missing',
        severity: 'error',
        title: 'This job cannot request an OIDC token',
        retry: 'configuration'
    },
    {
        id: 'fork-pr-secrets-unavailable',
        severity: 'error',
        title: 'Pull requests from forks receive no secrets',
        retry: 'configuration',
        concerns: ['accessKeyId', 'secretAccessKey']
    },
    {
        id: 'dependabot-secrets-unavailable',
        severity: 'error',
        title: 'Dependabot runs see only Dependabot secrets',
        retry: 'configuration',
        concerns: ['accessKeyId', 'secretAccessKey']
    },
    {
        id: 'empty-credential-variable',
        severity: 'error',
        title: 'A credential variable is set but empty',
        retry: 'configuration',
        concerns: ['accessKeyId', 'secretAccessKey']
    },
    {
        // Before the findings it explains (no credentials, half a pair, a missing session token).
        id: 'credential-variable-misnamed',
        severity: 'error',
        title: 'A variable is named almost like one the AWS tools read',
        retry: 'configuration'
    },
    {
        id: 'profile-not-found',
        severity: 'error',
        title: 'The selected profile does not exist',
        retry: 'configuration',
        // The SDK's chain then ends in "Could not load credentials": this is why.
        supersedes: [{ id: 'no-credentials', per: 'run' }]
    },
    {
        id: 'incomplete-credentials',
        severity: 'error',
        title: 'Half of a key pair is missing',
        retry: 'configuration',
        concerns: ['accessKeyId', 'secretAccessKey']
    },
    {
        id: 'credential-process-failed',
        severity: 'error',
        title: 'The credential_process gave no credentials',
        retry: 'configuration',
        supersedes: [{ id: 'no-credentials', per: 'run' }]
    },
    {
        id: 'container-credentials-failed',
        severity: 'error',
        title: 'The container credentials endpoint gave no credentials',
        retry: 'configuration',
        supersedes: [{ id: 'no-credentials', per: 'run' }]
    },
    {
        id: 'instance-metadata-failed',
        severity: 'error',
        title: 'The EC2 instance metadata service gave no credentials',
        retry: 'configuration',
        supersedes: [{ id: 'no-credentials', per: 'run' }]
    },
    {
        id: 'sso-profile-incomplete',
        severity: 'error',
        title: 'The SSO profile lacks keys the SDK requires',
        retry: 'configuration',
        // The SDK's chain then ends in "Could not load credentials": this is why.
        supersedes: [{ id: 'no-credentials', per: 'run' }]
    },
    {
        id: 'sso-login-required',
        severity: 'error',
        title: 'The SSO profile has no usable login on this runner',
        retry: 'configuration',
        // The SDK's chain then ends in "Could not load credentials": this is why.
        supersedes: [{ id: 'no-credentials', per: 'run' }]
    },
    {
        id: 'sso-portal-refused',
        severity: 'error',
        title: 'The SSO portal refused GetRoleCredentials',
        // A revoked login, a missing assignment or a typo need a change; throttling passes.
        retry: 'unknown',
        supersedes: [{ id: 'no-credentials', per: 'run' }]
    },
    {
        id: 'role-profile-mfa-required',
        severity: 'error',
        title: 'The role profile needs an MFA code, which CI cannot type',
        retry: 'configuration',
        supersedes: [{ id: 'no-credentials', per: 'run' }]
    },
    {
        id: 'no-credentials',
        severity: 'error',
        title: 'No credentials were found',
        retry: 'configuration',
        // Offline and through the SDK's chain, two paths reach the same conclusion: one finding.
        supersedes: [{ id: 'no-credentials', per: 'run' }]
    },
    // What is wrong with the values themselves.
    {
        id: 'placeholder-credentials',
        severity: 'error',
        title: 'The credentials are a placeholder',
        retry: 'configuration'
    },
    {
        id: 'example-credentials',
        severity: 'error',
        title: 'These are the example keys from the AWS documentation',
        retry: 'configuration'
    },
    {
        id: 'keys-swapped',
        severity: 'error',
        title: 'The access key ID and the secret are swapped',
        retry: 'configuration',
        concerns: ['accessKeyId', 'secretAccessKey'],
        // One mistake, one finding: the two values' shapes are the swap, not two malformed values.
        supersedes: [
            { id: 'access-key-id-malformed', per: 'source' },
            { id: 'secret-access-key-malformed', per: 'source' }
        ]
    },
    {
        id: 'quoted-value',
        severity: 'error',
        title: 'A credential is wrapped in quotes',
        retry: 'configuration'
    },
    {
        id: 'invisible-characters',
        severity: 'error',
        title: 'A credential contains invisible characters',
        retry: 'configuration'
    },
    {
        id: 'access-key-id-malformed',
        severity: 'error',
        title: 'The access key ID is not an access key ID',
        retry: 'configuration'
    },
    {
        id: 'secret-access-key-malformed',
        severity: 'error',
        title: 'The secret access key is malformed',
        retry: 'configuration'
    },
    {
        id: 'session-token-missing',
        severity: 'error',
        title: 'A temporary key has no session token',
        retry: 'configuration',
        concerns: ['accessKeyId']
    },
    {
        id: 'session-token-unexpected',
        severity: 'error',
        title: 'A long-term key comes with a session token',
        retry: 'configuration',
        concerns: ['sessionToken']
    },
    {
        id: 'credentials-file-malformed',
        severity: 'error',
        title: 'A shared credentials or config file is malformed',
        retry: 'configuration'
    },
    {
        id: 'web-identity-token-invalid',
        severity: 'error',
        title: 'The web identity token file is unusable',
        retry: 'configuration'
    },
    // OIDC.
    {
        id: 'oidc-token-request-failed',
        severity: 'error',
        title: 'The OIDC token request failed',
        retry: 'unknown'
    },
    {
        id: 'oidc-provider-missing',
        severity: 'error',
        title: "The role's account has no OIDC provider for GitHub",
        retry: 'configuration'
    },
    {
        id: 'oidc-audience-mismatch',
        severity: 'error',
        title: "The token's audience is not accepted by the OIDC provider",
        retry: 'configuration'
    },
    {
        id: 'oidc-trust-policy-mismatch',
        severity: 'error',
        title: "The role's trust policy does not accept this job's token",
        retry: 'configuration'
    },
    {
        id: 'oidc-trust-policy-permissive',
        severity: 'warning',
        title: "The role's trust policy lets other repositories assume it",
        retry: 'configuration'
    },
    {
        id: 'oidc-token-expired',
        severity: 'error',
        title: 'STS judged the OIDC token expired',
        retry: 'transient'
    },
    {
        id: 'oidc-assume-role-invalid',
        severity: 'error',
        title: 'STS rejected the AssumeRoleWithWebIdentity request',
        retry: 'configuration'
    },
    {
        id: 'role-session-duration-exceeded',
        severity: 'warning',
        title: 'A configure-aws-credentials step of this job will be refused',
        retry: 'configuration'
    },
    // A region the SDK refuses before anything is sent, or STS refuses as a signature's scope.
    {
        id: 'region-invalid',
        severity: 'error',
        title: 'The region is not a valid region name',
        retry: 'configuration'
    },
    {
        // Its severity is the check's: an error where both tools stop, a notice where both go on.
        id: 'config-variable-invalid',
        severity: 'warning',
        title: 'An SDK configuration setting has a value the AWS tools refuse',
        retry: 'configuration'
    },
    // What STS said.
    {
        id: 'region-not-enabled',
        severity: 'error',
        title: 'The region is not enabled for this account',
        retry: 'configuration'
    },
    {
        id: 'clock-skew',
        severity: 'warning',
        title: "The runner's clock is off",
        retry: 'configuration'
    },
    {
        id: 'expired-token',
        severity: 'error',
        title: 'The session token has expired',
        retry: 'configuration',
        concerns: ['accessKeyId', 'secretAccessKey', 'sessionToken']
    },
    {
        id: 'signature-mismatch',
        severity: 'error',
        title: 'The secret access key does not match the key ID',
        retry: 'configuration',
        concerns: ['secretAccessKey']
    },
    {
        id: 'invalid-client-token-id',
        severity: 'error',
        title: 'AWS does not recognise the access key ID',
        retry: 'configuration',
        concerns: ['accessKeyId', 'secretAccessKey']
    },
    {
        // Before sts-unreachable and sts-timeout: the override is why STS was not reached.
        id: 'endpoint-override-unreachable',
        severity: 'error',
        title: 'An endpoint override sends requests where nothing answers',
        retry: 'configuration'
    },
    { id: 'sts-timeout', severity: 'error', title: 'STS did not answer in time', retry: 'transient' },
    { id: 'sts-unreachable', severity: 'error', title: 'STS could not be reached', retry: 'unknown' },
    { id: 'sts-service-error', severity: 'error', title: 'STS failed to answer', retry: 'transient' },
    // Gates and IAM.
    {
        id: 'account-mismatch',
        severity: 'error',
        title: 'The credentials belong to an unexpected account',
        retry: 'configuration',
        concerns: ['accessKeyId', 'secretAccessKey']
    },
    {
        id: 'root-credentials',
        severity: 'error',
        title: "These are the account root user's credentials",
        retry: 'configuration',
        concerns: ['accessKeyId', 'secretAccessKey']
    },
    {
        id: 'access-key-inactive',
        severity: 'error',
        title: 'The access key is inactive',
        retry: 'configuration',
        concerns: ['accessKeyId', 'secretAccessKey']
    },
    {
        id: 'missing-permissions',
        severity: 'error',
        title: 'The identity lacks required permissions',
        retry: 'configuration'
    },
    {
        id: 'permissions-unverified',
        severity: 'warning',
        title: '`required-actions` could not be checked',
        retry: 'unknown'
    },
    {
        id: 'precedence-conflict',
        severity: 'warning',
        title: 'Tools disagree on which credentials win',
        retry: 'configuration'
    },
    {
        id: 'access-key-age',
        severity: 'warning',
        title: 'The access key is old',
        retry: 'configuration',
        concerns: ['accessKeyId', 'secretAccessKey']
    },
    {
        id: 'long-term-credentials',
        severity: 'notice',
        title: 'Long-term access keys are used in CI',
        retry: 'configuration',
        concerns: ['accessKeyId', 'secretAccessKey']
    },
    {
        id: 'multiple-active-keys',
        severity: 'notice',
        title: 'The IAM user has two active access keys',
        retry: 'configuration'
    },
    {
        id: 'access-key-unused',
        severity: 'notice',
        title: 'The access key has not been used recently',
        retry: 'configuration'
    },
    {
        id: 'oidc-token-claims',
        severity: 'notice',
        title: "This job's OIDC token",
        retry: 'configuration'
    },
    {
        id: 'iam-check-skipped',
        severity: 'notice',
        title: 'IAM look-ups were skipped',
        retry: 'unknown',
        supersedes: [{ id: 'iam-check-skipped', per: 'run' }]
    }
];
/** Docs page of a finding, relative to the repository root. */
function docsPath(id) {
    return `docs/findings/${id}.md`;
}
const IDS = new Set(DEFINITIONS.map(declaration => declaration.id));
/** Narrows a string read from outside (a test fixture, a docs page) to a registered ID. */
function isFindingId(id) {
    return IDS.has(id);
}
function define(declared) {
    const declaration = declared;
    return {
        id: declared.id,
        severity: declaration.severity,
        title: declaration.title,
        retry: declaration.retry,
        concerns: declaration.concerns ?? [],
        // Always all of them (the type above guarantees it); the filter only narrows the type.
        supersedes: (declaration.supersedes ?? []).flatMap(entry => isFindingId(entry.id) ? [{ id: entry.id, per: entry.per }] : []),
        docs: docsPath(declared.id)
    };
}
const FINDINGS = DEFINITIONS.map(define);
const BY_ID = new Map(FINDINGS.map((definition, rank) => [definition.id, { definition, rank }]));
function definitionOf(id) {
    const entry = BY_ID.get(id);
    if (entry === undefined)
        throw new Error(`Unknown finding ID ${id}`);
    return entry.definition;
}
/** Precedence among findings of one severity: lower comes first. */
function rankOf(id) {
    return BY_ID.get(id)?.rank ?? Number.MAX_SAFE_INTEGER;
}
/** Builds a finding whose ID, and by default severity and title, come from the registry. */
function finding(id, details) {
    const definition = definitionOf(id);
    return {
        id,
        severity: details.severity ?? definition.severity,
        title: details.title ?? definition.title,
        message: details.message,
        remediation: details.remediation,
        ...(details.source === undefined ? {} : { source: details.source }),
        ...(details.evidence === undefined ? {} : { evidence: details.evidence }),
        ...(details.origin === undefined ? {} : { location: { origin: details.origin } }),
        ...(details.mustChange === undefined ? {} : { mustChange: details.mustChange })
    };
}


/***/ }),

/***/ 6962:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EJ: () => (/* binding */ audiences),
/* harmony export */   Ev: () => (/* binding */ stringClaim),
/* harmony export */   iU: () => (/* binding */ decodeJwt),
/* harmony export */   x$: () => (/* binding */ dateClaim)
/* harmony export */ });
/**
 * Reads a JWT's claims without verifying it: the action only shows claims and compares them
 * with policies; verifying signatures is STS's job. Never returns or logs the token itself.
 */
function decodePart(part) {
    if (!/^[A-Za-z0-9_-]+={0,2}$/u.test(part))
        return undefined;
    try {
        const value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
        return typeof value === 'object' && value !== null && !Array.isArray(value)
            ? value
            : undefined;
    }
    catch {
        return undefined;
    }
}
/** The header and claims of a compact JWT, or undefined when it is not one. */
function decodeJwt(token) {
    const parts = token.trim().split('.');
    if (parts.length !== 3 || parts[0] === undefined || parts[1] === undefined)
        return undefined;
    const header = decodePart(parts[0]);
    const claims = decodePart(parts[1]);
    return header === undefined || claims === undefined ? undefined : { header, claims };
}
function stringClaim(jwt, name) {
    const value = jwt.claims[name];
    return typeof value === 'string' ? value : undefined;
}
/** `aud` may be a string or an array of strings. */
function audiences(jwt) {
    const value = jwt.claims.aud;
    if (typeof value === 'string')
        return [value];
    return Array.isArray(value)
        ? value.filter((item) => typeof item === 'string')
        : [];
}
/**
 * A numeric date claim (`exp`, `iat`, `nbf`) as a Date; undefined beyond the range a Date can
 * hold (a hostile `exp: 1e20` would otherwise make `toISOString()` throw wherever it is shown).
 */
function dateClaim(jwt, name) {
    const value = jwt.claims[name];
    if (typeof value !== 'number' || !Number.isFinite(value))
        return undefined;
    const date = new Date(value * 1000);
    return Number.isNaN(date.getTime()) ? undefined : date;
}


/***/ }),

/***/ 2524:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  run: () => (/* binding */ run)
});

// EXTERNAL MODULE: ./src/checks/check.ts + 17 modules
var check = __webpack_require__(1153);
;// CONCATENATED MODULE: ./src/checks/example-credentials.ts


/** The example values printed in the AWS documentation (aws-facts A5); they never authenticate. */
const EXAMPLE_ACCESS_KEY_IDS = new Set([
    'AKIAIOSFODNN7EXAMPLE',
    'AKIAI44QH8DHBEXAMPLE',
    'ASIAIOSFODNN7EXAMPLE',
    'ASIAWHOJDLGPOEXAMPLE',
    'ASIACQRSTUVWRAOEXAMPLE',
    'AIDACKCEVSQ6C2EXAMPLE',
    'AROADBQP57FF2AEXAMPLE',
    'AIDAJQABLZS4A3QDU576Q'
]);
const EXAMPLE_SECRETS = new Set([
    'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY'
]);
/**
 * The documentation marks its examples with `EXAMPLE` (key IDs end with it, secrets with
 * `EXAMPLEKEY`, tokens hold it); a random credential holds those letters in that order with
 * odds far below one in a billion.
 */
function isExampleValue(part, raw) {
    const value = (0,check/* cleaned */.L0)(raw);
    if (part === 'accessKeyId')
        return EXAMPLE_ACCESS_KEY_IDS.has(value) || /^A[A-Z]{3}[A-Z0-9]*EXAMPLE$/u.test(value);
    if (part === 'secretAccessKey')
        return EXAMPLE_SECRETS.has(value) || /EXAMPLEKEY$/u.test(value);
    // `AQoDYXdzEJr…` is printed truncated; a real token is hundreds of characters long.
    return value.includes('EXAMPLE') || (value.startsWith('AQoDYXdzEJr') && value.length < 64);
}
/** Of one source's example values, which parts and where each came from. */
function factOf(source, examples) {
    return {
        id: 'example-credentials',
        source: source.label,
        examples: examples.map(({ part, value }) => ({ part, origin: value.origin }))
    };
}
const exampleCredentials = (0,check/* defineFactCheck */.GW)({
    ids: ['example-credentials'],
    detect: discovery => {
        const examples = (0,check/* credentialValues */.w2)(discovery).filter(({ part, value }) => isExampleValue(part, value.raw));
        const bySource = new Map();
        for (const example of examples)
            bySource.set(example.source, [...(bySource.get(example.source) ?? []), example]);
        return [...bySource].map(([source, values]) => factOf(source, values));
    }
});

;// CONCATENATED MODULE: ./src/discover/account-id.ts
/**
 * The AWS account encoded in an access key ID, read without asking AWS (aws-facts B1–B3).
 * Since about 2019, key IDs (and IAM unique IDs) carry the account: drop the four-character
 * prefix, base32-decode the rest, and take bits 7–46 of the first six bytes. Older IDs, whose
 * fifth character is below `Q` (`AKIAI…`, `AKIAJ…`), decode to nonsense and are refused.
 */
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** A fifth character from `Q` to `Z` or `2` to `7` marks the new format that encodes the account. */
function isNewFormatId(id) {
    return /^[A-Z]{4}[Q-Z2-7]/u.test(id);
}
/**
 * The account of any new-format ID (key ID or unique ID such as AIDA…), or undefined for an
 * old-format ID or anything that is not base32 after its prefix.
 */
function decodeAccountId(id) {
    if (!isNewFormatId(id) || !/^[A-Z]{4}[A-Z2-7]{8,}$/u.test(id))
        return undefined;
    // Eight base32 characters are exactly five bytes; the sixth byte needs two more characters.
    let bits = 0n;
    let count = 0;
    for (const character of id.slice(4, 14)) {
        bits = (bits << 5n) | BigInt(BASE32.indexOf(character));
        count += 5;
    }
    while (count < 50) {
        bits <<= 5n;
        count += 5;
    }
    const firstSixBytes = bits >> BigInt(count - 48);
    const account = (firstSixBytes & 0x7fffffffff80n) >> 7n;
    return account.toString().padStart(12, '0');
}
/** The account of an access key ID (AKIA/ASIA, 20 characters, new format); undefined otherwise. */
function accountIdFromAccessKeyId(keyId) {
    if (!/^A[KS]IA[A-Z2-7]{16}$/u.test(keyId))
        return undefined;
    return decodeAccountId(keyId);
}

;// CONCATENATED MODULE: ./src/checks/key-shapes.ts
/**
 * What access key IDs and secrets look like (aws-facts A1–A4), and what a value that does not
 * look like one is instead, as typed problems: src/report/words/key-shapes.ts words them, never
 * quoting the value, only naming its shape.
 */


/** Key IDs are AKIA (long-term) or ASIA (temporary), plus 16 upper-case letters and digits. */
const ACCESS_KEY_ID_PATTERN = /^(AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}$/u;
/** 40 characters of the base64 alphabet, without padding. */
const SECRET_PATTERN = /^[A-Za-z0-9/+]{40}$/u;
/** Session tokens are long base64; the shortest seen are a few hundred characters. */
const TOKEN_PATTERN = /^[A-Za-z0-9/+=]{100,}$/u;
/** Prefixes of IAM unique IDs that people paste where an access key ID belongs (aws-facts A1). */
const UNIQUE_ID_PREFIXES = [
    'AIDA',
    'AROA',
    'AGPA',
    'ANPA',
    'ANVA',
    'AIPA',
    'APKA',
    'ASCA'
];
function looksLikeSecret(value) {
    return SECRET_PATTERN.test(value);
}
function looksLikeKeyId(value) {
    return ACCESS_KEY_ID_PATTERN.test(value);
}
function looksLikeToken(value) {
    return TOKEN_PATTERN.test(value);
}
/**
 * A whole key pair in one value: the key ID and the secret, in either order, side by side or
 * joined by one separator (what `KEY:SECRET` or a pasted `KEY SECRET` line becomes once the
 * white space is removed). A comma is the CSV file's line, named on its own.
 */
const JOINED_PAIR = /^(?:(?:AKIA|ASIA)[A-Z0-9]{16}[:;|=]?[A-Za-z0-9/+]{40}|[A-Za-z0-9/+]{40}[:;|=]?(?:AKIA|ASIA)[A-Z0-9]{16})$/u;
function isJoinedPair(value) {
    return JOINED_PAIR.test(value);
}
/**
 * A secret whose every `+` became a space, as URL (form) decoding reads it: the value was
 * passed through a query string or a form field on its way into the secret store.
 */
function lostPlusSigns(raw) {
    // Spaces are not trimmed: a `+` at either end of the secret became a space there too.
    const trimmed = raw.replace(/^[\r\n\t]+|[\r\n\t]+$/gu, '').replace(/^["'`]+|["'`]+$/gu, '');
    return trimmed.includes(' ') && SECRET_PATTERN.test(trimmed.replaceAll(' ', '+'));
}
/** What a key ID that is not one looks like instead, the most telling shape first. */
const KEY_ID_SHAPES = [
    [value => value.startsWith('arn:'), { kind: 'arn' }],
    [value => value.includes('@'), { kind: 'email' }],
    [looksLikeSecret, { kind: 'secret-shape' }],
    [looksLikeToken, { kind: 'token-shape' }],
    [value => isJoinedPair(value), { kind: 'joined-pair' }],
    [value => value.includes(','), { kind: 'csv-line' }],
    [
        value => value !== value.toUpperCase() && looksLikeKeyId(value.toUpperCase()),
        { kind: 'lower-case' }
    ],
    [value => !/^(AKIA|ASIA|ABIA|ACCA)/u.test(value), { kind: 'prefix' }]
];
function isUniqueIdPrefix(prefix) {
    return UNIQUE_ID_PREFIXES.includes(prefix);
}
/** The prefix of an IAM unique ID, with the account it encodes. */
function uniqueIdProblem(value) {
    const prefix = value.slice(0, 4);
    if (!isUniqueIdPrefix(prefix))
        return undefined;
    const account = decodeAccountId(value.split(':')[0] ?? '');
    return {
        kind: 'unique-id',
        prefix,
        session: value.includes(':'),
        ...(account === undefined ? {} : { account })
    };
}
/** Why a (cleaned) value is not an access key ID, or undefined when it is one. */
function keyIdProblem(value) {
    if (/^A[A-Z]{3}[A-Z2-7]{16}$/u.test(value) && looksLikeKeyId(value))
        return undefined;
    const shape = uniqueIdProblem(value) ?? KEY_ID_SHAPES.find(([matches]) => matches(value, value))?.[1];
    if (shape !== undefined)
        return shape;
    if (value.length !== 20)
        return { kind: 'length', length: value.length };
    if (/[^A-Z0-9]/u.test(value))
        return { kind: 'characters' };
    return { kind: 'misread-digits' };
}
function isBase64OfSecret(value) {
    if (!/^[A-Za-z0-9+/]{54,56}={0,2}$/u.test(value))
        return false;
    return SECRET_PATTERN.test(Buffer.from(value, 'base64').toString('latin1'));
}
/** What a secret that is not one looks like instead, the most telling shape first. */
const SECRET_SHAPES = [
    [(_, raw) => lostPlusSigns(raw), { kind: 'plus-as-space' }],
    [value => isJoinedPair(value), { kind: 'joined-pair' }],
    [looksLikeKeyId, { kind: 'key-id-shape' }],
    [value => /%2F|%2B|%3D/iu.test(value), { kind: 'url-encoded' }],
    [isBase64OfSecret, { kind: 'base64-of-secret' }],
    [looksLikeToken, { kind: 'token-shape' }],
    [value => value.includes(','), { kind: 'csv-line' }],
    [value => value.length === 40 && value.includes('='), { kind: 'padding' }]
];
/**
 * Why a (cleaned) value is not a secret access key, or undefined when it is one. `raw`, the
 * value as stored, shows what cleaning removed (the spaces URL decoding leaves for `+`).
 */
function secretProblem(value, raw = value) {
    if (SECRET_PATTERN.test(value))
        return undefined;
    const shape = SECRET_SHAPES.find(([matches]) => matches(value, raw))?.[1];
    if (shape !== undefined)
        return shape;
    if (value.length !== 40)
        return { kind: 'length', length: value.length };
    return { kind: 'characters' };
}
/** Both halves in each other's place: reported once, by keys-swapped. */
function isSwapped(source) {
    const keyId = source.credentials?.accessKeyId;
    const secret = source.credentials?.secretAccessKey;
    if (keyId === undefined || secret === undefined)
        return false;
    return looksLikeSecret((0,check/* cleaned */.L0)(keyId.raw)) && looksLikeKeyId((0,check/* cleaned */.L0)(secret.raw));
}

;// CONCATENATED MODULE: ./src/checks/placeholder-credentials.ts


/** Words that stand in for a credential in templates and tutorials, compared without punctuation. */
const PLACEHOLDER_WORDS = new Set([
    'changeme',
    'changeit',
    'replaceme',
    'todo',
    'tbd',
    'fixme',
    'placeholder',
    'dummy',
    'fake',
    'test',
    'testing',
    'secret',
    'password',
    'foo',
    'bar',
    'foobar',
    'null',
    'none',
    'nil',
    'undefined',
    'empty',
    'default',
    'sample',
    'example',
    'key',
    'accesskey',
    'accesskeyid',
    'secretkey',
    'secretaccesskey',
    'awsaccesskeyid',
    'awssecretaccesskey',
    'sessiontoken',
    'awssessiontoken',
    'token',
    'redacted',
    'hidden',
    'masked',
    'notset',
    'unset',
    'abc',
    'abc123',
    'qwerty',
    '123',
    '1234',
    '12345',
    '123456'
]);
/**
 * A run of `length` equal code points. Counted in one pass: `/(.)\1{7,}/u` recurses per
 * character and overflows the stack on a value of a few MiB (a 16 MiB credentials file holds one).
 */
function hasRepeatRun(value, length) {
    let previous;
    let run = 0;
    for (const char of value) {
        run = char === previous ? run + 1 : 1;
        if (run >= length)
            return true;
        previous = char;
    }
    return false;
}
/**
 * What kind of placeholder a value is, or undefined. Real credentials never contain `$`, `*`,
 * `<` or `%`, and keys and secrets never a run of eight equal characters, so these tests
 * cannot hit a real credential.
 */
function placeholderKind(raw, part) {
    const value = raw
        .trim()
        .replace(/^["'`]+|["'`]+$/gu, '')
        .trim();
    if (value === '')
        return undefined;
    if (value.includes('${{') || /\}\}\s*$/u.test(value))
        return 'actions-expression';
    if (/\$\{?[A-Za-z_][A-Za-z0-9_]*\}?/u.test(value))
        return 'shell-variable';
    if (/^%[A-Za-z_][A-Za-z0-9_]*%$/u.test(value))
        return 'windows-variable';
    if (value.includes('***'))
        return 'masked';
    if (/^<[^<>]*>$/u.test(value) || /^\{[^{}]*\}$/u.test(value))
        return 'brackets';
    // Real session tokens do contain runs such as `//////////`: only keys and secrets are judged.
    if (part !== 'sessionToken' && hasRepeatRun(value, 8))
        return 'repeated-character';
    const word = value.toLowerCase().replace(/[^a-z0-9]/gu, '');
    if (PLACEHOLDER_WORDS.has(word) || /^x+$/u.test(word))
        return 'placeholder-word';
    if (value.length <= 64 &&
        /^(your|my|insert|enter|replace|put|paste|add)[\s_-]?.*(key|secret|token|id|here)$/iu.test(value))
        return 'template-text';
    return undefined;
}
const placeholderCredentials = (0,check/* defineFactCheck */.GW)({
    ids: ['placeholder-credentials'],
    detect: discovery => (0,check/* credentialValues */.w2)(discovery).flatMap((value) => {
        const kind = placeholderKind(value.value.raw, value.part);
        if (kind === undefined)
            return [];
        return [
            {
                id: 'placeholder-credentials',
                source: value.source.label,
                part: value.part,
                origin: value.value.origin,
                length: value.value.raw.length,
                kind
            }
        ];
    })
});

;// CONCATENATED MODULE: ./src/checks/access-key-id-malformed.ts





/**
 * The access key ID judged after removing what more specific checks report (quotes, invisible
 * characters), and not at all where it is empty, a placeholder, an example (a swapped pair
 * is superseded by keys-swapped, declared in src/findings.ts): one mistake, one finding.
 */
const accessKeyIdMalformed = (0,check/* defineFactCheck */.GW)({
    ids: ['access-key-id-malformed'],
    detect: discovery => discovery.sources.flatMap((source) => {
        const keyId = source.credentials?.accessKeyId;
        if (keyId === undefined)
            return [];
        const value = (0,check/* cleaned */.L0)(keyId.raw);
        if (value === '' ||
            placeholderKind(keyId.raw, 'accessKeyId') !== undefined ||
            isExampleValue('accessKeyId', keyId.raw))
            return [];
        const problem = keyIdProblem(value);
        if (problem === undefined)
            return [];
        return [
            {
                id: 'access-key-id-malformed',
                source: source.label,
                origin: keyId.origin,
                length: value.length,
                problem
            }
        ];
    })
});

// EXTERNAL MODULE: ./src/report/markdown.ts
var markdown = __webpack_require__(4285);
;// CONCATENATED MODULE: ./src/discover/cli-config.ts

/**
 * Python's `str.isspace()` characters, which `str.strip()` removes. Not `String.prototype.trim`:
 * that also removes U+FEFF, so a file saved "UTF-8 with BOM" would look like a `[section]` to
 * it, where configparser sees a line before the first section and refuses the file (measured
 * with botocore 1.43.11); and it keeps U+001C–U+001F and U+0085, which Python strips.
 */
const PYTHON_SPACE = new Set([
    0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001,
    0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f,
    0x205f, 0x3000
]);
function isPythonSpace(char) {
    return PYTHON_SPACE.has(char.charCodeAt(0));
}
/** Python's `str.lstrip()`. */
function stripStart(text) {
    let start = 0;
    while (start < text.length && isPythonSpace(text.charAt(start)))
        start += 1;
    return text.slice(start);
}
/** Python's `str.rstrip()`. */
function stripEnd(text) {
    let end = text.length;
    while (end > 0 && isPythonSpace(text.charAt(end - 1)))
        end -= 1;
    return text.slice(0, end);
}
/** Python's `str.strip()`. */
function pythonStrip(text) {
    return stripEnd(stripStart(text));
}
function indentOf(line) {
    return line.length - stripStart(line).length;
}
/**
 * configparser's section pattern `\[(?P<header>.+)\]`, matched at the start of the stripped line:
 * the header runs to the last `]`, and anything after it (`[x]#comment`) is ignored.
 */
function sectionHeader(stripped) {
    if (!stripped.startsWith('['))
        return undefined;
    const close = stripped.lastIndexOf(']');
    return close > 1 ? stripped.slice(1, close) : undefined;
}
/** configparser's option pattern: the name runs to the first `=` or `:`. */
function optionOf(stripped) {
    const equals = stripped.indexOf('=');
    const colon = stripped.indexOf(':');
    const at = equals === -1 ? colon : colon === -1 ? equals : Math.min(equals, colon);
    if (at === -1)
        return undefined;
    return {
        name: pythonStrip(stripped.slice(0, at)),
        value: pythonStrip(stripped.slice(at + 1))
    };
}
function fail(state, line, reason) {
    state.error ??= { line, reason };
}
function openSection(state, name, line) {
    state.option = undefined;
    if (name === 'DEFAULT') {
        state.current = state.defaults;
        state.currentName = name;
        return;
    }
    if (state.seen.has(`[${name}]`))
        fail(state, line, `section ${(0,markdown/* code */.aY)(`[${name}]`)} appears twice`);
    state.seen.add(`[${name}]`);
    const section = state.sections.get(name) ?? new Map();
    state.sections.set(name, section);
    state.current = section;
    state.currentName = name;
}
function addOption(state, stripped, line) {
    const option = optionOf(stripped);
    if (option === undefined || option.name === '') {
        fail(state, line, 'a line that is not `key = value`');
        return;
    }
    const name = option.name.toLowerCase();
    const key = `${state.currentName ?? ''}\u0000${name}`;
    if (state.seen.has(key))
        fail(state, line, `${(0,markdown/* code */.aY)(name)} is set twice in one section`);
    state.seen.add(key);
    const entry = { name, line, lines: [option.value] };
    state.current?.set(name, entry);
    state.option = entry;
}
function readLine(state, raw, line) {
    const stripped = pythonStrip(raw);
    if (stripped.startsWith('#') || stripped.startsWith(';'))
        return;
    if (stripped === '') {
        state.option?.lines.push('');
        return;
    }
    const indent = indentOf(raw);
    if (state.current !== undefined && state.option !== undefined && indent > state.indent) {
        state.option.lines.push(stripped);
        return;
    }
    state.indent = indent;
    const header = sectionHeader(stripped);
    if (header !== undefined) {
        openSection(state, header, line);
        return;
    }
    if (state.current === undefined) {
        fail(state, line, 'a line before the first [section]');
        return;
    }
    addOption(state, stripped, line);
}
/** botocore's `_parse_nested`: a value that starts on the next line must be `key = value` lines. */
function nestedError(value) {
    return value
        .split('\n')
        .map(part => pythonStrip(part))
        .some(part => part !== '' && !part.includes('='));
}
function finish(options, state) {
    const entries = new Map();
    for (const option of options.values()) {
        const value = stripEnd(option.lines.join('\n'));
        if (value.startsWith('\n') && nestedError(value))
            fail(state, option.line, `the block under ${(0,markdown/* code */.aY)(option.name)} holds a line without \`=\``);
        entries.set(option.name, { value, line: option.line });
    }
    return entries;
}
/**
 * Python splits lines on `\n`, `\r\n` and a bare `\r` alike (universal newlines). A byte that is
 * not UTF-8 has already become U+FFFD when the file was read as text; Python refuses to decode it.
 */
function parseCliConfig(text) {
    const state = {
        sections: new Map(),
        defaults: new Map(),
        seen: new Set(),
        indent: 0
    };
    const replacement = text.indexOf('\uFFFD');
    if (replacement !== -1)
        fail(state, text.slice(0, replacement).split(/\r\n|\r|\n/u).length, 'a byte that is not UTF-8');
    text.split(/\r\n|\r|\n/u).forEach((raw, index) => {
        if (state.error === undefined)
            readLine(state, raw, index + 1);
    });
    const defaults = finish(state.defaults, state);
    const sections = new Map();
    for (const [name, options] of state.sections)
        sections.set(name, new Map([...defaults, ...finish(options, state)]));
    return { sections, ...(state.error === undefined ? {} : { parseError: state.error }) };
}
/**
 * botocore's `build_profile_map` for the config file: `[profile NAME]` (split the way `shlex`
 * splits, so quotes are removed) and `[default]`; later sections of one name win.
 */
function cliConfigProfiles(parsed) {
    const profiles = new Map();
    for (const [name, section] of parsed.sections) {
        const profile = cliProfileName(name);
        if (profile !== undefined)
            profiles.set(profile, section);
    }
    return profiles;
}
/** `shlex`'s whitespace: only these four split words (a no-break space does not). */
const SHLEX_SPACE = new Set([' ', '\t', '\r', '\n']);
/** The profile a config-file section names for botocore (`[profile  ci]` is "ci"), if any. */
function cliProfileName(header) {
    if (header === 'default')
        return 'default';
    if (!header.startsWith('profile'))
        return undefined;
    const parts = shlexSplit(header);
    return parts?.length === 2 ? parts[1] : undefined;
}
/** Enough of `shlex.split` for section names: words, with quotes removed; undefined where unbalanced. */
function shlexSplit(text) {
    const words = [];
    let word = '';
    let quote;
    let inWord = false;
    for (const char of text) {
        if (quote !== undefined) {
            if (char === quote)
                quote = undefined;
            else
                word += char;
        }
        else if (char === '"' || char === "'") {
            quote = char;
            inWord = true;
        }
        else if (SHLEX_SPACE.has(char)) {
            if (inWord)
                words.push(word);
            word = '';
            inWord = false;
        }
        else {
            word += char;
            inWord = true;
        }
    }
    if (quote !== undefined)
        return undefined;
    if (inWord)
        words.push(word);
    return words;
}

;// CONCATENATED MODULE: ./src/discover/ini.ts


/** Enough problems to explain a file; beyond this it is not a credentials file gone wrong. */
const MAX_ISSUES = 50;
/**
 * Bounds on the values kept for masking: each is registered with the runner and checked in
 * every line written, so a huge file of junk must not turn into thousands of masks.
 */
const MAX_CREDENTIAL_SECRETS = 200;
const MAX_STRAY_SECRETS = 100;
/** Section prefixes the JS SDK knows (`IniSectionType`). */
const SECTION_TYPES = ['profile', 'sso-session', 'services'];
/** The JS SDK's pattern for `[prefix name]` headers (`prefixKeyRegex`). */
const PREFIXED_HEADER = /^([\w-]+)\s(["'])?([\w\-@+.%:/]+)\2$/u;
/** The JS SDK throws on these section names, and then ignores the whole file. */
const BLOCKED_HEADERS = ['__proto__', 'profile __proto__'];
/** Config-file sections that are not profiles and that the AWS CLI reads on purpose. */
const NON_PROFILE_SECTIONS = new Set(['plugins', 'preview', 'cli', 'toolkit']);
const CREDENTIAL_KEYS = [
    'aws_access_key_id',
    'aws_secret_access_key',
    'aws_session_token'
];
/** Keys the SDKs and the AWS CLI read in a profile. Anything else is ignored by them. */
const KNOWN_KEYS = new Set([
    ...CREDENTIAL_KEYS,
    'aws_security_token',
    'aws_account_id',
    'aws_credential_scope',
    'aws_credential_expiration',
    'region',
    'output',
    'role_arn',
    'source_profile',
    'credential_source',
    'external_id',
    'mfa_serial',
    'role_session_name',
    'duration_seconds',
    'web_identity_token_file',
    'credential_process',
    'sso_session',
    'sso_start_url',
    'sso_region',
    'sso_account_id',
    'sso_role_name',
    'sso_registration_scopes',
    'login_session',
    'ca_bundle',
    'cli_pager',
    'cli_timestamp_format',
    'cli_follow_urlparam',
    'cli_binary_format',
    'cli_auto_prompt',
    'cli_history',
    'cli_help_output',
    'parameter_validation',
    'tcp_keepalive',
    'max_attempts',
    'retry_mode',
    'endpoint_url',
    'ignore_configured_endpoint_urls',
    'use_dualstack_endpoint',
    'use_fips_endpoint',
    'sts_regional_endpoints',
    's3',
    'services',
    'metadata_service_timeout',
    'metadata_service_num_attempts',
    'ec2_metadata_service_endpoint',
    'ec2_metadata_service_endpoint_mode',
    'ec2_metadata_v1_disabled',
    'api_versions',
    'defaults_mode',
    'account_id_endpoint_mode',
    'request_checksum_calculation',
    'response_checksum_validation',
    'sigv4a_signing_region_set',
    'disable_request_compression',
    'request_min_compression_size_bytes',
    'auth_scheme_preference',
    'imds_use_ipv6',
    'dynamodb',
    'emr',
    'cloudfront',
    'iot'
]);
/** Non-secret keys whose values may be shown and need no masking. */
const PUBLIC_KEYS = new Set([...KNOWN_KEYS].filter(key => !['aws_secret_access_key', 'aws_session_token', 'aws_security_token'].includes(key)));
/** Names people write for the credential keys, mapped to the key the SDKs read. */
const ALIASES = {
    aws_access_key: 'aws_access_key_id',
    access_key: 'aws_access_key_id',
    access_key_id: 'aws_access_key_id',
    aws_key_id: 'aws_access_key_id',
    aws_secret_key: 'aws_secret_access_key',
    secret_key: 'aws_secret_access_key',
    secret_access_key: 'aws_secret_access_key',
    aws_secret: 'aws_secret_access_key',
    aws_secret_access_key_id: 'aws_secret_access_key',
    session_token: 'aws_session_token',
    aws_token: 'aws_session_token',
    token: 'aws_session_token',
    aws_region: 'region',
    aws_default_region: 'region',
    default_region: 'region',
    aws_role_arn: 'role_arn',
    aws_profile: 'source_profile'
};
function editDistance(a, b) {
    if (Math.abs(a.length - b.length) > 3)
        return 4;
    let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
    for (let i = 1; i <= a.length; i += 1) {
        const current = [i];
        for (let j = 1; j <= b.length; j += 1) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost));
        }
        previous = current;
    }
    return previous[b.length] ?? 0;
}
/** The known key an unknown one was meant to be, where that is clear enough to suggest. */
function intendedKey(key) {
    const lower = key.toLowerCase().replace(/-/gu, '_');
    if (KNOWN_KEYS.has(lower))
        return lower;
    const alias = ALIASES[lower];
    if (alias !== undefined)
        return alias;
    // Short names are too close to each other to guess between (`foo` is two edits from `iot`).
    const allowed = lower.length >= 8 ? 2 : 1;
    let best;
    for (const known of KNOWN_KEYS) {
        if (known.length < 6)
            continue;
        const distance = editDistance(lower, known);
        if (distance <= allowed && (best === undefined || distance < best.distance))
            best = { key: known, distance };
    }
    return best?.key;
}
/**
 * Text from a file that may be key material pasted in the wrong place (a secret as a section
 * name or a key name): it has `=`, or a long run of base64 characters mixing letters of both
 * cases, digits or `/` and `+`. Such text is never quoted in a message.
 */
function looksLikeKeyMaterial(text) {
    if (text.includes('='))
        return true;
    for (const run of text.match(/[A-Za-z0-9/+]{12,}/gu) ?? []) {
        const kinds = [/[a-z]/u, /[A-Z]/u, /[0-9]/u, /[/+]/u].filter(kind => kind.test(run)).length;
        if (kinds >= 3 || /^[A-Z0-9]{16,}$/u.test(run))
            return true;
    }
    return false;
}
/** A section header as it may be shown. */
function displayHeader(header) {
    return looksLikeKeyMaterial(header) || header.length > 64 ? '(name not shown)' : header;
}
/** A key name worth quoting in a message: short, plain, and not shaped like key material. */
function printableKeyName(key) {
    if (key.length > 48 || !/^[A-Za-z_][A-Za-z0-9_. -]*$/u.test(key))
        return undefined;
    if (looksLikeKeyMaterial(key))
        return undefined;
    return key;
}
function quoteKey(key) {
    const name = printableKeyName(key);
    return name === undefined ? 'a key' : (0,markdown/* code */.aY)(name);
}
/** The keys that hold a secret or a token, in any case the AWS CLI accepts. */
function isCredentialKey(key) {
    return /^(aws_secret_access_key|aws_session_token|aws_security_token)$/iu.test(key.trim());
}
/** Keys whose values are secret, or may be (an unknown key in a credentials file could hold anything). */
function isSecretKey(key, kind) {
    const lower = key.toLowerCase();
    if (/secret|token|passw|private/u.test(lower))
        return true;
    return kind === 'credentials' && !PUBLIC_KEYS.has(lower);
}
/** The JS SDK's comment rule: from `;` or `#` at the start or after whitespace. */
function stripJsComment(line) {
    return (line.split(/(?:^|\s)[;#]/u)[0] ?? '').trim();
}
/**
 * The AWS CLI's option line, `key = value` or `key: value`, split at the first `=` or `:` with
 * the whitespace around it dropped: `[line, key, separator, value]`, or null when the line has
 * no separator. Written out rather than as `/^(.*?)\s*([=:])\s*(.*)$/u`, whose backtracking takes
 * time quadratic in a long run of spaces; this takes time linear in the line.
 */
function splitOption(line) {
    // `.` stops at line terminators, `\s` takes them: a terminator may sit only in the whitespace
    // around the separator. Each index is visited a bounded number of times.
    let firstTerminator = -1;
    let lastTerminator = -1;
    for (let index = 0; index < line.length; index += 1) {
        if (!LINE_TERMINATORS.has(line.charAt(index)))
            continue;
        if (firstTerminator === -1)
            firstTerminator = index;
        lastTerminator = index;
    }
    for (let at = 0; at < line.length; at += 1) {
        const char = line.charAt(at);
        if (char !== '=' && char !== ':')
            continue;
        let keyEnd = at;
        while (keyEnd > 0 && WHITESPACE.test(line.charAt(keyEnd - 1)))
            keyEnd -= 1;
        let valueStart = at + 1;
        while (valueStart < line.length && WHITESPACE.test(line.charAt(valueStart)))
            valueStart += 1;
        const keyClean = firstTerminator === -1 || firstTerminator >= keyEnd;
        const valueClean = lastTerminator < valueStart;
        if (keyClean && valueClean)
            return [line, line.slice(0, keyEnd), char, line.slice(valueStart)];
        // A terminator inside the key can only be crossed by a longer key: none will match.
        if (!keyClean)
            return null;
    }
    return null;
}
const LINE_TERMINATORS = new Set(['\n', '\r', '\u2028', '\u2029']);
const WHITESPACE = /^\s$/u;
function ini_indentOf(line) {
    return line.length - line.replace(/^\s+/u, '').length;
}
function parseIni(text, kind) {
    const issues = [];
    const secrets = new Set();
    const sections = [];
    const js = { blocked: false, map: new Map() };
    const cli = { indent: 0, sectionsSeen: new Set(), keysSeen: new Set() };
    let currentHeader;
    const issue = (line, problem, message, breaksCli, 
    /** Where the line's section is not the JS SDK's current one; `section: undefined` for none. */
    placed = {}) => {
        if (issues.length > MAX_ISSUES)
            return;
        const section = 'section' in placed ? placed.section : currentHeader;
        issues.push(issues.length === MAX_ISSUES
            ? {
                line,
                problem: 'more-problems',
                message: `More problems from line ${line} on are not listed: the file is far from what the SDKs read.`,
                breaksCli
            }
            : {
                line,
                problem,
                message,
                breaksCli,
                ...(section === undefined ? {} : { section }),
                ...(placed.cliOnly === true ? { cliOnly: true } : {})
            });
    };
    const likelySecrets = new Set();
    /** Credential values are kept first; stray lines only up to a bound (see MAX_STRAY_SECRETS). */
    const keepSecret = (value, credential = false) => {
        const trimmed = value.trim();
        if (trimmed === '')
            return;
        if (credential) {
            if (likelySecrets.size < MAX_CREDENTIAL_SECRETS)
                likelySecrets.add(trimmed);
        }
        else if (secrets.size < MAX_STRAY_SECRETS)
            secrets.add(trimmed);
    };
    if (text.startsWith('\uFEFF')) {
        issue(1, 'byte-order-mark', 'The file starts with a byte-order mark (saved as "UTF-8 with BOM"): the AWS CLI cannot parse the file at all ("Unable to parse config file"), while the JS SDK ignores the mark.', true, 
        // The JS SDK reads the file as meant: only `aws` commands fail on it.
        { cliOnly: true });
    }
    if (/\r(?!\n)/u.test(text)) {
        issue(1, 'carriage-return-line-endings', 'The file separates lines with a bare carriage return (old Mac line endings): the JS SDK reads it as a single line and finds no profile in it, while the AWS CLI reads it normally.', false);
    }
    const lines = text.split(/\r?\n/u);
    lines.forEach((raw, index) => {
        const lineNumber = index + 1;
        const line = index === 0 ? raw.replace(/^\uFEFF/u, '') : raw;
        readJsLine(raw, lineNumber);
        readCliLine(line, lineNumber);
    });
    function readJsLine(raw, lineNumber) {
        const trimmed = stripJsComment(raw);
        if (trimmed.startsWith('[') && trimmed.endsWith(']')) {
            js.section = undefined;
            js.subSection = undefined;
            const header = trimmed.slice(1, -1);
            currentHeader = displayHeader(header);
            const match = PREFIXED_HEADER.exec(header);
            if (match !== null) {
                const prefix = match[1] ?? '';
                if (SECTION_TYPES.includes(prefix))
                    js.section = `${prefix}.${match[3] ?? ''}`;
            }
            else {
                js.section = header;
            }
            if (BLOCKED_HEADERS.includes(header)) {
                js.blocked = true;
                issue(lineNumber, 'blocked-section-name', `The section name ${(0,markdown/* code */.aY)(header)} makes the JS SDK reject the whole file ("Found invalid profile name"): Node-based tools see none of its profiles.`, false);
            }
            sections.push({
                header,
                display: currentHeader,
                line: lineNumber,
                ...(js.section === undefined ? {} : { jsKey: js.section })
            });
            return;
        }
        noteHeaderWithTrailingText(trimmed, lineNumber);
        if (js.section === undefined)
            return;
        const equals = trimmed.indexOf('=');
        if (equals <= 0)
            return;
        const name = trimmed.slice(0, equals).trim();
        const value = trimmed.slice(equals + 1).trim();
        if (value === '') {
            js.subSection = name;
            return;
        }
        if (js.subSection !== undefined && raw.trimStart() === raw)
            js.subSection = undefined;
        const key = js.subSection === undefined ? name : `${js.subSection}.${name}`;
        const entries = js.map.get(js.section) ?? new Map();
        entries.set(key, { key, value, line: lineNumber, section: currentHeader ?? '' });
        js.map.set(js.section, entries);
        if (js.subSection === undefined && isSecretKey(name, kind))
            keepSecret(value, isCredentialKey(name));
    }
    /**
     * `[ci]x` or `[ci]# note`: configparser takes the header up to its last `]` and reads section
     * `[ci]`; the JS SDK takes a line as a header only where it ends with `]` once a comment after
     * white space is cut off, so it reads no header here and the keys below stay in the section
     * above, or in none (measured with both tools).
     */
    function noteHeaderWithTrailingText(trimmed, lineNumber) {
        if (!trimmed.startsWith('['))
            return;
        const close = trimmed.lastIndexOf(']');
        if (close < 2 || close === trimmed.length - 1)
            return;
        const header = trimmed.slice(1, close);
        const shown = displayHeader(header);
        const where = js.section === undefined ? 'in no section, so it ignores them' : 'in the section above';
        issue(lineNumber, 'header-trailing-text', `Line ${lineNumber} has text after the \`]\` of ${(0,markdown/* code */.aY)(`[${shown}]`)}: the AWS CLI reads the section ${(0,markdown/* code */.aY)(`[${shown}]`)}, but the JS SDK does not take the line as a section header and keeps the keys below it ${where}. Remove the text after \`]\` (a comment needs a space before its \`#\`).`, false, { section: shown });
    }
    function readCliLine(line, lineNumber) {
        const stripped = line.trim();
        if (stripped === '' || stripped.startsWith('#') || stripped.startsWith(';'))
            return;
        const indent = ini_indentOf(line);
        if (cli.section !== undefined && cli.option !== undefined && indent > cli.indent) {
            readCliContinuation(cli.option, stripped, lineNumber);
            return;
        }
        cli.indent = indent;
        const section = /^\[(.+)\]/u.exec(stripped);
        if (section !== null) {
            readCliSection(section[1] ?? '', lineNumber);
            return;
        }
        const option = splitOption(stripped);
        if (cli.section === undefined || option === null) {
            readCliStray(stripped, option, lineNumber);
            return;
        }
        const [, rawKey = '', separator = '=', rawValue = ''] = option;
        readCliOption(cli.section, rawKey.trimEnd(), separator, rawValue, lineNumber);
    }
    /** configparser: a line indented deeper than its key continues that key's value. */
    function readCliContinuation(option, stripped, lineNumber) {
        if (option.emptyValue)
            return;
        if (isSecretKey(option.key, kind))
            keepSecret(stripped);
        issue(lineNumber, 'indented-line', `Line ${lineNumber} is indented: the AWS CLI reads it as the continuation of ${quoteKey(option.key)} on the line above (a value spanning two lines), while the JS SDK reads it as a key of its own. Remove the indentation.`, false);
    }
    function readCliSection(header, lineNumber) {
        if (cli.sectionsSeen.has(header)) {
            issue(lineNumber, 'duplicate-section', `Section ${(0,markdown/* code */.aY)(`[${displayHeader(header)}]`)} appears a second time on line ${lineNumber}: the AWS CLI refuses the whole file ("Unable to parse config file"), while the JS SDK merges both, the later value of a key winning.`, true, 
            // The JS SDK, and so this action, reads both: only `aws` commands fail on it.
            { cliOnly: true });
        }
        cli.sectionsSeen.add(header);
        cli.section = header;
        cli.option = undefined;
        cli.keysSeen.clear();
    }
    /** A line before the first section, or inside one but not `key = value`: the CLI refuses it. */
    function readCliStray(stripped, option, lineNumber) {
        keepSecret(stripped);
        if (option !== null)
            keepSecret(option[3] ?? '');
        const unclosed = stripped.startsWith('[');
        const outside = cli.section === undefined;
        const problem = unclosed
            ? 'section-header-unclosed'
            : outside
                ? 'outside-section'
                : 'not-key-value';
        const jsSdk = unclosed && !outside ? ' (its keys stay in the section above)' : '';
        const message = unclosed
            ? `Line ${lineNumber} opens a section header without closing it with \`]\`: the AWS CLI refuses the whole file, and the JS SDK ignores the line${jsSdk}.`
            : outside
                ? `Line ${lineNumber} comes before the first \`[section]\`: the AWS CLI refuses the whole file ("Unable to parse config file"), and the JS SDK ignores the line.`
                : `Line ${lineNumber} is not a \`key = value\` line: the AWS CLI refuses the whole file ("Unable to parse config file"), and the JS SDK ignores the line.`;
        issue(lineNumber, problem, message, true);
    }
    function readCliOption(section, key, separator, rawValue, lineNumber) {
        if (isSecretKey(key, kind))
            keepSecret(rawValue, isCredentialKey(key));
        if (key === '') {
            keepSecret(rawValue);
            issue(lineNumber, 'empty-key', `Line ${lineNumber} starts with ${(0,markdown/* code */.aY)(separator)} and names no key: the AWS CLI refuses the whole file, and the JS SDK ignores the line.`, true);
            return;
        }
        const lower = key.toLowerCase();
        cli.option = { key, emptyValue: rawValue === '' };
        if (cli.keysSeen.has(lower)) {
            issue(lineNumber, 'duplicate-key', `${quoteKey(key)} is set a second time in \`[${displayHeader(section)}]\` on line ${lineNumber}: the AWS CLI refuses the whole file ("Unable to parse config file"), while the JS SDK takes the later value.`, true, 
            // The JS SDK, and so this action, takes the later value: only `aws` commands fail on it.
            { cliOnly: true });
        }
        cli.keysSeen.add(lower);
        if (separator === ':') {
            issue(lineNumber, 'colon-separator', `Line ${lineNumber} separates ${quoteKey(key)} from its value with \`:\`: the AWS CLI accepts that, but the JS SDK only reads \`key = value\` and ignores the line.`, false);
            return;
        }
        // Judging key names costs an edit distance per known key: not worth it once the file is
        // known to be far off (a 4 MB file of junk must not take seconds).
        if (issues.length < MAX_ISSUES)
            judgeKey(key, lineNumber);
        if (/(?:^|\s)[;#]/u.test(rawValue)) {
            issue(lineNumber, 'inline-comment', `The value of ${quoteKey(key)} on line ${lineNumber} is followed by a comment: the JS SDK strips it, but the AWS CLI keeps it as part of the value${CREDENTIAL_KEYS.some(name => name === lower) ? ', so the AWS CLI signs with a different credential and fails' : ''}. Put comments on a line of their own.`, false);
        }
    }
    function judgeKey(key, lineNumber) {
        if (cli.option?.emptyValue === true)
            return;
        const header = cli.section ?? '';
        // Nested blocks (`s3 =` followed by indented keys), SSO sessions, services and plugin
        // sections have keys of their own; only profile keys are judged.
        if (/^(sso-session|services)\s/u.test(header) || NON_PROFILE_SECTIONS.has(header))
            return;
        const lower = key.toLowerCase();
        if (/^export\s/iu.test(key)) {
            issue(lineNumber, 'shell-syntax', `Line ${lineNumber} is a shell \`export\` line, not an INI key: the SDKs read a key named ${quoteKey(key)}, which means nothing to them. Write \`${intendedKey(key.replace(/^export\s+/iu, '')) ?? 'key'} = …\` instead.`, false);
            return;
        }
        if (KNOWN_KEYS.has(lower)) {
            if (key !== lower) {
                issue(lineNumber, 'key-case', `${quoteKey(key)} on line ${lineNumber} is not lower-case: the AWS CLI accepts it as ${(0,markdown/* code */.aY)(lower)}, but the JS SDK matches key names exactly and ignores it. Write ${(0,markdown/* code */.aY)(lower)}.`, false);
            }
            return;
        }
        const intended = intendedKey(key);
        const credentialLike = /key|secret|token|access|region|role|profile/iu.test(key);
        if (intended === undefined && !credentialLike)
            return;
        issue(lineNumber, 'unknown-key', `${quoteKey(key)} on line ${lineNumber} is not a key the SDKs read, so its line is ignored${intended === undefined ? '' : `; did you mean ${(0,markdown/* code */.aY)(intended)}?`}`, false);
    }
    if (kind === 'config') {
        const twice = defaultTwice(sections);
        if (twice !== undefined)
            issue(twice.line, 'default-twice', twice.message, false, {
                section: twice.cliOnly ? 'default' : undefined,
                cliOnly: twice.cliOnly
            });
    }
    return {
        profiles: js.blocked ? new Map() : profilesOf(js.map, kind),
        ssoSessions: js.blocked ? new Map() : sectionsWithPrefix(js.map, 'sso-session'),
        services: js.blocked ? new Map() : sectionsWithPrefix(js.map, 'services'),
        ignoredSections: ignoredSectionsOf(sections, kind, js.map),
        issues,
        secrets: [...likelySecrets, ...secrets]
    };
}
/** The JS SDK's profile map: the credentials file as parsed, the config file through `getConfigData`. */
function profilesOf(map, kind) {
    if (kind === 'credentials') {
        // `[profile x]` here becomes `profile.x`, a name nobody selects: the SDKs ignore it.
        return new Map([...map].filter(([key]) => !SECTION_TYPES.some(type => key.startsWith(`${type}.`))));
    }
    const profiles = new Map();
    const fallback = map.get('default');
    if (fallback !== undefined)
        profiles.set('default', fallback);
    for (const [key, entries] of map) {
        const dot = key.indexOf('.');
        if (dot === -1)
            continue;
        const prefix = key.slice(0, dot);
        if (!SECTION_TYPES.includes(prefix))
            continue;
        // `[profile default]` replaces `[default]` wholesale, as getConfigData does.
        if (prefix === 'profile')
            profiles.set(key.slice(dot + 1), entries);
    }
    return profiles;
}
function sectionsWithPrefix(map, prefix) {
    const result = new Map();
    for (const [key, entries] of map)
        if (key.startsWith(`${prefix}.`))
            result.set(key.slice(prefix.length + 1), entries);
    return result;
}
/**
 * `[default]` and `[profile default]` in one config file: the JS SDK takes `[profile default]`
 * whatever the order (`getConfigData`), botocore the later of the two (`build_profile_map`
 * overwrites); measured with both tools. The keys of the other section are read by neither.
 */
function defaultTwice(sections) {
    const plain = sections.find(section => section.header === 'default');
    const prefixed = sections.find(section => section.header !== 'default' && cliProfileName(section.header) === 'default');
    if (plain === undefined || prefixed === undefined)
        return undefined;
    const header = (0,markdown/* code */.aY)(`[${prefixed.display}]`);
    const both = `\`[default]\` (line ${plain.line}) and ${header} (line ${prefixed.line}) both define the default profile`;
    const line = Math.max(plain.line, prefixed.line);
    const cliReads = plain.line > prefixed.line ? '`[default]`' : header;
    const jsReads = prefixed.jsKey === 'profile.default' ? header : '`[default]`';
    // Where both tools read the same section, the other is dead text; where they differ, the JS
    // SDK (and so the action) reads the one it always reads, and only `aws` commands are misled.
    if (cliReads === jsReads)
        return {
            line,
            cliOnly: false,
            message: `${both}: both tools read ${jsReads} and ignore every key of ${jsReads === header ? '`[default]`' : header}. Keep one of them.`
        };
    return {
        line,
        cliOnly: true,
        message: `${both}: the JS SDK reads ${jsReads}, while the AWS CLI reads the later ${cliReads}, so the two tools use different settings (and keys) for the default profile. Keep one of them.`
    };
}
/** The name a header was presumably meant to give its profile. */
function intendedName(header) {
    const words = header.trim().replace(/["']/gu, '').split(/\s+/u);
    if (words.length === 2 && words[0]?.toLowerCase() === 'profile')
        return words[1];
    if (words.length === 1 && words[0] !== undefined && words[0] !== '')
        return words[0];
    return undefined;
}
/**
 * What the AWS CLI makes of a config-file header the JS SDK does not read as a profile: botocore
 * splits it the way `shlex` does, so `[profile  ci]` and `[profile ci ]` are profile "ci" to it.
 */
function cliReading(rawHeader) {
    const name = cliProfileName(rawHeader);
    if (name === undefined)
        return ', and neither does the AWS CLI';
    const shown = displayHeader(name);
    return shown === name
        ? `, while the AWS CLI reads it as profile ${(0,markdown/* code */.aY)(name)}`
        : ', while the AWS CLI reads it as a profile';
}
/** Keys that show a config-file section was meant as a profile. */
const PROFILE_SIGNS = /^(aws_|region$|output$|role_arn$|source_profile$|credential_|sso_|web_identity)/u;
function ignoredSectionsOf(sections, kind, map) {
    const ignored = [];
    for (const { header: rawHeader, display: header, line, jsKey } of sections) {
        const intended = header === rawHeader ? intendedName(rawHeader) : undefined;
        const withIntended = intended === undefined ? {} : { intended };
        if (kind === 'credentials') {
            if (jsKey === undefined) {
                ignored.push({
                    header,
                    line,
                    ...withIntended,
                    reason: `the JS SDK ignores ${(0,markdown/* code */.aY)(`[${header}]`)}: its name has a space but no known prefix`
                });
            }
            else if (jsKey.startsWith('profile.')) {
                ignored.push({
                    header,
                    line,
                    ...withIntended,
                    reason: `\`[profile ${intended ?? ''}]\` is the config file's form; in the credentials file a profile is written \`[${intended ?? ''}]\``
                });
            }
            else if (jsKey.startsWith('sso-session.') || jsKey.startsWith('services.')) {
                ignored.push({ header, line, reason: `${(0,markdown/* code */.aY)(`[${header}]`)} belongs in the config file` });
            }
            else if (/\s/u.test(rawHeader)) {
                ignored.push({
                    header,
                    line,
                    ...withIntended,
                    reason: `${(0,markdown/* code */.aY)(`[${header}]`)} defines a profile whose name contains spaces`
                });
            }
            continue;
        }
        if (jsKey === 'default' || (jsKey !== undefined && jsKey.includes('.')))
            continue;
        if (NON_PROFILE_SECTIONS.has(rawHeader))
            continue;
        const entries = jsKey === undefined ? undefined : map.get(jsKey);
        const looksLikeProfile = entries === undefined || [...entries.keys()].some(key => PROFILE_SIGNS.test(key));
        if (!looksLikeProfile)
            continue;
        ignored.push({
            header,
            line,
            ...withIntended,
            reason: jsKey === undefined || /\s/u.test(rawHeader)
                ? `the JS SDK does not read ${(0,markdown/* code */.aY)(`[${header}]`)} as a profile${cliReading(rawHeader)}; write ${(0,markdown/* code */.aY)(`[profile ${intended ?? 'NAME'}]`)}`
                : `in the config file a profile is written ${(0,markdown/* code */.aY)(`[profile ${header}]`)} (only \`[default]\` goes without the prefix; neither tool reads \`[${header}]\` as a profile)`
        });
    }
    return ignored;
}

;// CONCATENATED MODULE: ./src/checks/config-settings.ts
/** Python's `int()`: optional sign and white space around the digits (underscores aside). */
function pythonInteger(value) {
    return /^\s*[+-]?\d+\s*$/u.test(value) ? Number.parseInt(value, 10) : undefined;
}
const maxAttempts = setting => {
    const cli = pythonInteger(setting.value);
    if (cli !== undefined && cli >= 1)
        return undefined;
    const js = Number.parseInt(setting.value, 10);
    const jsSdk = Number.isNaN(js)
        ? { goesOn: { kind: 'default-attempts' } }
        : js < 1
            ? { goesOn: { kind: 'one-attempt' } }
            : { goesOn: { kind: 'reads-attempts', attempts: js } };
    const awsCli = cli === undefined
        ? { refuses: { kind: 'int-literal' } }
        : { refuses: { kind: 'attempts-below-one', attempts: cli } };
    return { jsSdk, awsCli, accepted: { kind: 'attempts' } };
};
const retryMode = setting => {
    if (['legacy', 'standard', 'adaptive'].includes(setting.value))
        return undefined;
    return {
        jsSdk: { goesOn: { kind: 'standard-retries' } },
        awsCli: { refuses: { kind: 'retry-mode' } },
        accepted: { kind: 'retry-mode' }
    };
};
const stsRegionalEndpoints = setting => {
    if (['regional', 'legacy'].includes(setting.value))
        return undefined;
    return {
        // The v3 SDK does not read the setting at all: it always calls the region's own endpoint.
        jsSdk: { goesOn: { kind: 'regional-sts' } },
        awsCli: { refuses: { kind: 'sts-regional-endpoints' } },
        accepted: { kind: 'sts-regional-endpoints' }
    };
};
/**
 * The SDK's `booleanSelector` takes exactly `true` or `false` and otherwise falls back to the
 * default (false); botocore's `ensure_boolean` takes any case of `true` as true, anything else
 * as false. So `TRUE` turns the endpoint variant on for the AWS CLI only.
 */
function endpointVariant(variant) {
    return setting => {
        if (setting.value === 'true' || setting.value === 'false')
            return undefined;
        return {
            jsSdk: { goesOn: { kind: 'endpoint-variant', variant } },
            awsCli: {
                goesOn: {
                    kind: 'endpoint-variant',
                    variant,
                    reads: setting.value.toLowerCase() === 'true'
                }
            },
            accepted: { kind: 'boolean' }
        };
    };
}
/**
 * The JS SDK's chain skips instance metadata for any value but `false`; botocore skips it only
 * for `true` in any case. Only a chain that gets as far as instance metadata notices.
 */
const metadataDisabled = setting => {
    if (setting.value === 'true' || setting.value === 'false')
        return undefined;
    return {
        jsSdk: { goesOn: { kind: 'metadata-disabled', disabled: true } },
        awsCli: {
            goesOn: { kind: 'metadata-disabled', disabled: setting.value.toLowerCase() === 'true' }
        },
        accepted: { kind: 'boolean' }
    };
};
/** Where the JS SDK's chain asks instance metadata by the mode (no endpoint variable). */
function asksMetadataByMode(discovery) {
    return (discovery.selected?.kind === 'instance-metadata' &&
        discovery.instanceMetadata.considered &&
        discovery.instanceMetadata.endpoint === undefined);
}
/** botocore checks the mode (any case) on every command; the JS SDK (exact case) only when it asks. */
const metadataEndpointMode = (setting, discovery) => {
    const cliAccepts = ['ipv4', 'ipv6'].includes(setting.value.toLowerCase());
    if (setting.value === 'IPv4' || setting.value === 'IPv6')
        return undefined;
    return {
        jsSdk: asksMetadataByMode(discovery)
            ? { refuses: { kind: 'endpoint-mode' } }
            : { goesOn: { kind: 'mode-unchecked' } },
        awsCli: cliAccepts ? { goesOn: { kind: 'any-case' } } : { refuses: { kind: 'endpoint-mode' } },
        accepted: { kind: 'endpoint-mode' }
    };
};
const DEFAULTS_MODES = ['legacy', 'auto', 'standard', 'in-region', 'cross-region', 'mobile'];
const defaultsMode = setting => {
    if (DEFAULTS_MODES.includes(setting.value.toLowerCase()))
        return undefined;
    return {
        jsSdk: { refuses: { kind: 'defaults-mode' } },
        awsCli: { refuses: { kind: 'defaults-mode' } },
        accepted: { kind: 'defaults-mode' }
    };
};
/** What stood in the way of opening the bundle, as Python's `[Errno …]` tells them apart. */
function bundleReason(file) {
    if (file.state === 'missing' || file.state === 'not-a-file')
        return { kind: 'ca-bundle', reason: file.state };
    return { kind: 'ca-bundle', reason: file.detail === 'EACCES' ? 'permission' : 'unreadable' };
}
const caBundle = setting => {
    const file = setting.file;
    if (file === undefined || file.state === 'read' || file.state === 'too-large')
        return undefined;
    return {
        // The JS SDK has no such setting: a bundle it should trust goes in NODE_EXTRA_CA_CERTS.
        jsSdk: { goesOn: { kind: 'system-certificates' } },
        awsCli: { refuses: bundleReason(file) },
        accepted: { kind: 'pem-file' }
    };
};
/** What one tool does with a path: the file it opens, and whether one is there. */
function opens(opened, token) {
    if (opened.found)
        return { goesOn: { kind: 'reads-file', path: opened.path } };
    return token
        ? { refuses: { kind: 'no-such-file', path: opened.path } }
        : { goesOn: { kind: 'no-file', path: opened.path } };
}
/** What is odd about a path value, or undefined for a path as meant. */
function pathProblem(setting, path, token) {
    const { value } = setting;
    if (value !== value.trim())
        return { kind: 'white-space' };
    if (token && value.startsWith('~'))
        return { kind: 'tilde' };
    if (/\$\{?\w/u.test(value) && (token || path.jsSdk.path === path.awsCli.path))
        return { kind: 'variable' };
    if (!value.startsWith('/') && !value.startsWith('~/'))
        return { kind: 'relative', cwd: path.cwd };
    return undefined;
}
/**
 * A path the two tools expand apart (`~`, `~user/`, `$NAME`) where neither finds a file; where
 * one does, precedence-conflict names the difference.
 */
function expandedApart(path) {
    if (path.jsSdk.found || path.awsCli.found)
        return undefined;
    return { kind: 'expanded-apart' };
}
/**
 * A file-path variable the tools open other than meant: white space around it, a `~` or a
 * `$NAME` that stays as written, a relative path (measured: see src/discover/config-settings.ts
 * and __tests__/differential/file-variants.ts). Where the two tools open different files,
 * precedence-conflict says so instead. A warning where the meant file is there and the tools
 * miss it; a notice otherwise (a relative path that works from this step's directory).
 */
function filePath(token) {
    return setting => {
        const path = setting.path;
        if (path === undefined)
            return undefined;
        const issue = path.jsSdk.path === path.awsCli.path ? pathProblem(setting, path, token) : expandedApart(path);
        if (issue === undefined)
            return undefined;
        const meant = path.jsSdk.found ? undefined : path.meant;
        return {
            jsSdk: opens(path.jsSdk, token),
            awsCli: opens(path.awsCli, token),
            problem: { kind: 'path', issue, token, ...(meant === undefined ? {} : { meant }) },
            severity: meant === undefined ? 'notice' : 'warning',
            accepted: { kind: 'absolute-path', path: meant ?? path.jsSdk.path }
        };
    };
}
const JUDGES = {
    AWS_SHARED_CREDENTIALS_FILE: filePath(false),
    AWS_CONFIG_FILE: filePath(false),
    AWS_WEB_IDENTITY_TOKEN_FILE: filePath(true),
    AWS_MAX_ATTEMPTS: maxAttempts,
    AWS_RETRY_MODE: retryMode,
    AWS_STS_REGIONAL_ENDPOINTS: stsRegionalEndpoints,
    AWS_USE_FIPS_ENDPOINT: endpointVariant('FIPS'),
    AWS_USE_DUALSTACK_ENDPOINT: endpointVariant('dual-stack'),
    AWS_EC2_METADATA_DISABLED: metadataDisabled,
    AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: metadataEndpointMode,
    AWS_DEFAULTS_MODE: defaultsMode,
    AWS_CA_BUNDLE: caBundle
};

;// CONCATENATED MODULE: ./src/checks/config-variable-invalid.ts



/**
 * Only what the job uses can fail it. The action's own clients fix these settings themselves,
 * so what counts is the tools of the job's later steps: where both stop, every AWS call of the
 * job fails (an error); where one stops, the job fails only if it uses that one (a warning);
 * where both go on, the value does not do what it says (a notice).
 */
function severityOf(judgement) {
    if (judgement.severity !== undefined)
        return judgement.severity;
    const refusals = [judgement.jsSdk, judgement.awsCli].filter(verdict => 'refuses' in verdict);
    if (refusals.length === 2)
        return 'error';
    return refusals.length === 1 ? 'warning' : 'notice';
}
function config_variable_invalid_factOf(setting, judgement) {
    return {
        id: 'config-variable-invalid',
        variable: setting.variable,
        origin: setting.origin,
        length: setting.value.length,
        // A secret pasted as a value is never quoted.
        ...(looksLikeKeyMaterial(setting.value) ? {} : { shown: setting.value }),
        severity: severityOf(judgement),
        problem: judgement.problem ?? { kind: 'not-a-value' },
        jsSdk: judgement.jsSdk,
        awsCli: judgement.awsCli,
        accepted: judgement.accepted
    };
}
function judged(discovery, setting) {
    const judgement = JUDGES[setting.variable]?.(setting, discovery);
    return judgement === undefined ? [] : [config_variable_invalid_factOf(setting, judgement)];
}
/**
 * A value of one of the SDKs' configuration settings (retries, endpoint variants, instance
 * metadata, defaults mode, CA bundle, file paths) that one tool or both refuse, or silently read
 * as something else: what each tool does with it, measured (src/checks/config-settings.ts).
 */
const configVariableInvalid = (0,check/* defineFactCheck */.GW)({
    ids: ['config-variable-invalid'],
    detect: discovery => (discovery.configSettings ?? []).flatMap(setting => judged(discovery, setting))
});

;// CONCATENATED MODULE: ./src/checks/credential-variable-misnamed.ts

/** The credential part each key variable holds. */
const PART_OF = {
    AWS_ACCESS_KEY_ID: 'accessKeyId',
    AWS_SECRET_ACCESS_KEY: 'secretAccessKey',
    AWS_SESSION_TOKEN: 'sessionToken'
};
/**
 * How much the name costs this job. A key part that no source in use provides (there is no
 * source, or the key variables lack that part; a session token where the key is temporary) is
 * why the job has no working credentials: an error, the cause to fix. A region, profile or file
 * setting that nothing else sets is a warning: the tools use their defaults instead. Where the
 * real name is set too, or another source gives the job its credentials, it is a notice (a
 * warning where the AWS CLI stops on the half pair the name leaves).
 */
function credential_variable_misnamed_severityOf(discovery, variable) {
    if (variable.meantSet)
        return 'notice';
    const part = PART_OF[variable.meant];
    return part === undefined ? 'warning' : keyPartSeverity(discovery, part);
}
/** What a key part under the wrong name costs, given the source the job uses. */
function keyPartSeverity(discovery, part) {
    const selected = discovery.selected;
    if (selected === undefined)
        return 'error';
    if (selected.kind !== 'environment')
        // Another source serves the JS SDK; the AWS CLI stops on the half pair the name leaves.
        return discovery.tools?.awsCli.failure?.startsWith('Partial credentials found in env') === true
            ? 'warning'
            : 'notice';
    if (part !== 'sessionToken')
        return 'error';
    // Only a temporary key (ASIA…) needs the token.
    return selected.credentials?.accessKeyId?.raw.trim().startsWith('ASIA') === true
        ? 'error'
        : 'notice';
}
/** A variable named almost like a credential, region, profile or file variable, that no tool reads. */
const credentialVariableMisnamed = (0,check/* defineFactCheck */.GW)({
    ids: ['credential-variable-misnamed'],
    detect: discovery => (discovery.misnamedVariables ?? []).map(variable => ({
        id: 'credential-variable-misnamed',
        variable,
        severity: credential_variable_misnamed_severityOf(discovery, variable),
        ...(discovery.tools === undefined ? {} : { tools: discovery.tools })
    }))
});

// EXTERNAL MODULE: ./src/model.ts
var model = __webpack_require__(182);
;// CONCATENATED MODULE: ./src/checks/usage.ts
/**
 * What the job uses, and so what may fail it. The action's own check uses the source discovery
 * selected and its role chain; a later step runs the AWS SDK for JavaScript or the AWS CLI, whose
 * choices discovery worked out (src/discover/tools.ts). A problem in something the action uses is
 * an error; in something only the AWS CLI reads, a warning; in something neither reads, a notice.
 */

function uses(discovery) {
    const tools = discovery.tools;
    return tools === undefined ? [] : [tools.jsSdk, tools.awsCli];
}
/** The profiles the action's own check reads: the selected source's and its chain's. */
function profilesOfAction(discovery) {
    const names = new Set();
    for (const source of (0,model/* sourcesInUse */.XT)(discovery))
        if (source.profile !== undefined)
            names.add(source.profile);
    return names;
}
/** The tools that read this profile in this run. */
function readersOfProfile(discovery, profile) {
    return uses(discovery)
        .filter(use => use.profilesRead.includes(profile))
        .map(use => use.tool);
}
/**
 * Severity by use: an error where the action's check or the JS SDK reads it, a warning where
 * only the AWS CLI does, a notice where nothing in this run reads it.
 */
function severityByUse(usedByAction, readers) {
    if (usedByAction || readers.includes('js-sdk'))
        return 'error';
    return readers.includes('aws-cli') ? 'warning' : 'notice';
}

// EXTERNAL MODULE: ./src/discover/files.ts
var files = __webpack_require__(4632);
;// CONCATENATED MODULE: ./src/checks/credentials-file-malformed.ts



/** The profile a section header defines, read the way its file is read. */
function profileOfHeader(header, file) {
    if (header === undefined)
        return undefined;
    if (file.kind === 'credentials')
        return header;
    if (header === 'default')
        return 'default';
    // `profile`, whitespace, then the name, split by hand: `/^profile\s+["']?([^"']+)["']?$/u`
    // backtracks quadratically over a long run of spaces.
    const trimmed = header.trim();
    if (!trimmed.startsWith('profile'))
        return undefined;
    const rest = trimmed.slice('profile'.length);
    const name = rest.trimStart();
    if (name.length === rest.length)
        return undefined;
    return /^["']?([^"']+)["']?$/u.exec(name)?.[1];
}
/** The profiles the action's check reads: the one named for it, the one in use, and its role chain. */
function profilesInUse(discovery) {
    const names = profilesOfAction(discovery);
    if (discovery.profile.origin.kind !== 'default')
        names.add(discovery.profile.name);
    return names;
}
function useOf(discovery) {
    const js = discovery.tools?.jsSdk;
    return {
        action: profilesInUse(discovery),
        cli: new Set(discovery.tools?.awsCli.profilesRead ?? []),
        failingJs: new Set(js?.failure === undefined ? [] : js.profilesRead)
    };
}
/**
 * A problem in a profile the action uses is an error. A file the AWS CLI cannot parse fails every
 * `aws` command of the job, but not the action or Node-based tools: a warning. So is a problem in
 * a profile only the AWS CLI reads; a problem in a profile nothing reads is a notice.
 */
function severityFor(profile, issue, use) {
    const read = (names) => profile !== undefined && names.has(profile);
    if (issue.cliOnly !== true && (read(use.action) || read(use.failingJs)))
        return 'error';
    if (issue.breaksCli)
        return 'warning';
    return read(use.cli) ? 'warning' : 'notice';
}
/** The file the AWS CLI cannot parse where no line above already says so. */
function cliParseProblem(file, discovery, known) {
    const unparseable = discovery.tools?.awsCli.unparseable;
    if (unparseable?.path !== file.display || file.issues.some(issue => issue.breaksCli))
        return [];
    if (known.some(problem => problem.line === unparseable.line))
        return [];
    return [
        {
            line: unparseable.line,
            about: { kind: 'cli-parse', reason: unparseable.reason },
            severity: 'warning'
        }
    ];
}
function problemsOf(file, use, discovery) {
    const problems = file.issues.map(issue => ({
        line: issue.line,
        ...(issue.section === undefined ? {} : { section: issue.section }),
        about: { kind: 'issue', message: issue.message },
        severity: severityFor(profileOfHeader(issue.section, file), issue, use)
    }));
    for (const section of file.ignoredSections) {
        problems.push({
            line: section.line,
            section: section.header,
            about: { kind: 'ignored-section', header: section.header, reason: section.reason },
            severity: severityFor(section.intended, { breaksCli: false }, use)
        });
    }
    problems.push(...cliParseProblem(file, discovery, problems));
    return problems.sort((a, b) => a.line - b.line);
}
/** Shared credentials and config files that the SDKs would misread, or read differently from each other. */
const credentialsFileMalformed = (0,check/* defineFactCheck */.GW)({
    ids: ['credentials-file-malformed'],
    detect: discovery => {
        const use = useOf(discovery);
        return (discovery.shared?.files ?? []).flatMap((file) => {
            if (file.state === 'too-large')
                return [
                    {
                        id: 'credentials-file-malformed',
                        kind: 'unread',
                        file: file.display,
                        ...(file.detail === undefined ? {} : { detail: file.detail }),
                        maxBytes: files/* MAX_SHARED_FILE_BYTES */.qJ
                    }
                ];
            const problems = problemsOf(file, use, discovery);
            return ['error', 'warning', 'notice']
                .map(severity => problems.filter(problem => problem.severity === severity))
                .filter(group => group.length > 0)
                .map(group => ({
                id: 'credentials-file-malformed',
                kind: 'problems',
                file: file.display,
                severity: group[0]?.severity ?? 'error',
                problems: group
            }));
        });
    }
});

;// CONCATENATED MODULE: ./src/checks/empty-credential-variable.ts


/**
 * The key variables that are set but empty. (An empty session token is a legitimate way to
 * clear it, and an empty input means "not given", so neither counts.)
 */
function emptyCredentialVariables(discovery) {
    const environment = discovery.sources.find(source => source.kind === 'environment');
    return [environment?.credentials?.accessKeyId, environment?.credentials?.secretAccessKey].filter((value) => value !== undefined && value.raw === '');
}
/**
 * Whether the job is missing secrets it needs. A job that assumes its role with OIDC
 * (`role-to-assume`, with the token request granted) and passes no key variables needs no
 * secrets at all: that Dependabot or a fork withholds them costs it nothing, so it must not be
 * failed for it.
 */
function secretsMissing(discovery, settings) {
    // An empty key variable is a secret that did not arrive, whatever else the job uses.
    if (emptyCredentialVariables(discovery).length > 0)
        return true;
    if (discovery.selected !== undefined)
        return false;
    const usesOidcOnly = settings.roleToAssume !== undefined && discovery.github.oidcRequestAvailable;
    return !usesOidcOnly;
}
/** A key variable set but empty: the usual trace of `${{ secrets.NAME }}` naming a secret that is not there. */
const emptyCredentialVariable = (0,check/* defineFactCheck */.GW)({
    ids: ['empty-credential-variable'],
    detect: discovery => {
        const empty = emptyCredentialVariables(discovery);
        const environment = discovery.sources.find(source => source.kind === 'environment');
        if (environment === undefined || empty.length === 0)
            return [];
        // Where another source gives the job its credentials (for the action and for the JS SDK in
        // later steps), the empty variable costs nothing but for the AWS CLI, which stops on a key ID
        // without its secret.
        const cliStops = discovery.tools?.awsCli.failure?.startsWith('Partial credentials found in env');
        const severity = severityByUse(
        // A source without keys of its own (a process, an instance role) cannot be confirmed offline.
        discovery.selected?.credentials === undefined || discovery.tools?.jsSdk.failure !== undefined, cliStops === true ? ['aws-cli'] : []);
        return [
            {
                id: 'empty-credential-variable',
                source: environment.label,
                empty: empty.map(value => ({ origin: value.origin })),
                severity,
                ...(discovery.tools === undefined ? {} : { tools: discovery.tools })
            }
        ];
    }
});

;// CONCATENATED MODULE: ./src/checks/dependabot-secrets-unavailable.ts


/**
 * Runs that Dependabot triggers see only Dependabot secrets: Actions secrets are empty there,
 * even when a person re-runs the workflow.
 */
const dependabotSecretsUnavailable = (0,check/* defineFactCheck */.GW)({
    ids: ['dependabot-secrets-unavailable'],
    detect: (discovery, settings) => {
        const github = discovery.github;
        if (!github.isDependabot || !secretsMissing(discovery, settings))
            return [];
        const empty = emptyCredentialVariables(discovery).map(value => ({ origin: value.origin }));
        return [{ id: 'dependabot-secrets-unavailable', github, empty }];
    }
});

// EXTERNAL MODULE: ./src/aws/endpoint-override.ts
var endpoint_override = __webpack_require__(5089);
;// CONCATENATED MODULE: ./src/checks/endpoint-override-unreachable.ts


/** The overrides of STS and IAM, once each where one variable sets both. */
function overridesOf(discovery) {
    const { sts, iam } = discovery.network.endpoints;
    const both = [
        ...(sts === undefined ? [] : [{ service: 'STS', override: sts }]),
        ...(iam === undefined ? [] : [{ service: 'IAM', override: iam }])
    ];
    return both.filter((entry, index) => both.findIndex(other => JSON.stringify(other.override.origin) === JSON.stringify(entry.override.origin)) === index);
}
function malformed(service, override) {
    const problem = (0,endpoint_override/* endpointProblem */.$Q)(override.url);
    if (problem === undefined)
        return [];
    return [{ id: 'endpoint-override-unreachable', service, override, problem }];
}
/**
 * An endpoint override that is no http(s) URL: both tools refuse it before anything is sent. One
 * that is a URL but where nothing answers is told by the STS call (src/aws/classify.ts).
 */
const endpointOverrideUnreachable = (0,check/* defineFactCheck */.GW)({
    ids: ['endpoint-override-unreachable'],
    detect: discovery => overridesOf(discovery).flatMap(({ service, override }) => malformed(service, override))
});

;// CONCATENATED MODULE: ./src/checks/fork-pr-secrets-unavailable.ts


/**
 * A pull request from a fork gets no secrets: every `${{ secrets.X }}` is empty. Nothing is
 * wrong with the secrets; the run cannot see them.
 */
const forkPrSecretsUnavailable = (0,check/* defineFactCheck */.GW)({
    ids: ['fork-pr-secrets-unavailable'],
    detect: (discovery, settings) => {
        const github = discovery.github;
        if (!github.isForkPullRequest || !secretsMissing(discovery, settings))
            return [];
        const empty = emptyCredentialVariables(discovery).map(value => ({ origin: value.origin }));
        return [{ id: 'fork-pr-secrets-unavailable', github, empty }];
    }
});

;// CONCATENATED MODULE: ./src/checks/incomplete-credentials.ts



/**
 * How much half a pair matters in this run. Inputs are what the action was told to check. The key
 * variables count where nothing else gave the action credentials, or where the AWS CLI stops on
 * them; a profile counts where the action or a tool reads it.
 */
function incomplete_credentials_severityOf(discovery, source) {
    if (source.kind === 'input')
        return 'error';
    if (source.kind === 'environment') {
        // The JS SDK passes over half a pair; only the AWS CLI stops on it ("Partial credentials").
        const cliStops = discovery.tools?.awsCli.failure?.startsWith('Partial credentials found in env');
        return severityByUse(discovery.selected === undefined, cliStops === true ? ['aws-cli'] : []);
    }
    const inUse = (0,model/* sourcesInUse */.XT)(discovery).includes(source) || discovery.selected === undefined;
    return severityByUse(inUse && source.profile === discovery.profile.name, source.profile === undefined ? [] : readersOfProfile(discovery, source.profile));
}
/**
 * A key ID without its secret, or a secret without its key ID, in one source. A half that is
 * present but empty is empty-credential-variable's to report, not this check's.
 */
const incompleteCredentials = (0,check/* defineFactCheck */.GW)({
    ids: ['incomplete-credentials'],
    detect: discovery => discovery.sources.flatMap((source) => {
        const credentials = source.credentials;
        if (credentials === undefined)
            return [];
        const present = (value) => value !== undefined && value.raw !== '';
        const hasKey = present(credentials.accessKeyId);
        const hasSecret = present(credentials.secretAccessKey);
        if (hasKey === hasSecret)
            return [];
        const have = hasKey ? 'accessKeyId' : 'secretAccessKey';
        if (credentials[hasKey ? 'secretAccessKey' : 'accessKeyId'] !== undefined)
            return [];
        const haveOrigin = credentials[have]?.origin;
        return [
            {
                id: 'incomplete-credentials',
                source: source.label,
                sourceKind: source.kind,
                have,
                ...(haveOrigin === undefined ? {} : { haveOrigin }),
                severity: incomplete_credentials_severityOf(discovery, source),
                ...(discovery.tools === undefined ? {} : { tools: discovery.tools })
            }
        ];
    })
});

;// CONCATENATED MODULE: ./src/checks/invisible-characters.ts




/** Characters Node refuses in a header value (`ERR_INVALID_CHAR`), as the AWS CLI does. */
const UNSENDABLE = /[^\t\x20-\x7e\x80-\xff]/u;
function plusAsSpace(part, raw) {
    return part === 'secretAccessKey' && lostPlusSigns(raw);
}
/** Everything outside printable ASCII: no part of an AWS credential ever contains it. */
const invisibleCharacters = (0,check/* defineFactCheck */.GW)({
    ids: ['invisible-characters'],
    detect: discovery => (0,check/* credentialValues */.w2)(discovery).flatMap((value) => {
        const { source, part } = value;
        const raw = value.value.raw;
        // `${{ secrets.X }}` has spaces because it is an expression, not a damaged value: the
        // placeholder finding says what is wrong with it.
        if (placeholderKind(raw, part) !== undefined)
            return [];
        const characters = [...raw];
        const found = characters
            .map((character, index) => ({ codePoint: character.codePointAt(0) ?? 0, index }))
            .filter(({ codePoint }) => codePoint < 0x21 || codePoint > 0x7e);
        if (found.length === 0)
            return [];
        return [
            {
                id: 'invisible-characters',
                source: source.label,
                part,
                origin: value.value.origin,
                length: characters.length,
                found,
                unsendable: UNSENDABLE.test(raw),
                trailingNewline: /[\r\n]$/u.test(raw),
                plusAsSpace: plusAsSpace(part, raw)
            }
        ];
    })
});

;// CONCATENATED MODULE: ./src/checks/keys-swapped.ts


/** The key ID holds a 40-character secret and the secret holds an AKIA…/ASIA… key ID. */
const keysSwapped = (0,check/* defineFactCheck */.GW)({
    ids: ['keys-swapped'],
    detect: discovery => discovery.sources.flatMap((source) => {
        const keyId = source.credentials?.accessKeyId;
        const secret = source.credentials?.secretAccessKey;
        if (keyId === undefined || secret === undefined || !isSwapped(source))
            return [];
        return [
            {
                id: 'keys-swapped',
                source: source.label,
                keyId: { origin: keyId.origin },
                secret: { origin: secret.origin }
            }
        ];
    })
});

;// CONCATENATED MODULE: ./src/checks/long-term-credentials.ts


/**
 * Long-term keys (AKIA) stored as CI secrets: a notice that carries the OIDC migration guide,
 * or an error when the workflow demands temporary credentials. Only the source in use counts:
 * instance roles and EKS never have long-term keys, so they are never told to migrate. Outside
 * a runner (`npm start` on a laptop) a key from `aws configure` is the usual setup: nothing to
 * say unless temporary credentials are demanded.
 */
const longTermCredentials = (0,check/* defineFactCheck */.GW)({
    ids: ['long-term-credentials'],
    detect: (discovery, settings) => {
        const keyId = discovery.selected?.credentials?.accessKeyId;
        if (discovery.selected === undefined ||
            keyId === undefined ||
            (!discovery.github.onRunner && !settings.requireTemporaryCredentials) ||
            !(0,check/* cleaned */.L0)(keyId.raw).startsWith('AKIA'))
            return [];
        return [
            {
                id: 'long-term-credentials',
                source: discovery.selected.label,
                keyId: { origin: keyId.origin },
                requireTemporaryCredentials: settings.requireTemporaryCredentials
            }
        ];
    }
});

// EXTERNAL MODULE: ./src/checks/no-credentials.ts
var no_credentials = __webpack_require__(7869);
// EXTERNAL MODULE: ./src/findings.ts
var src_findings = __webpack_require__(1001);
// EXTERNAL MODULE: ./src/redact.ts
var redact = __webpack_require__(6670);
// EXTERNAL MODULE: ./src/report/words/usage.ts
var usage = __webpack_require__(263);
// EXTERNAL MODULE: ./src/aws/credential-source.ts
var credential_source = __webpack_require__(6748);
;// CONCATENATED MODULE: ./src/checks/precedence-conflict.ts






/** A profile variable exactly as set: an empty string is not the same as unset here. */
function set(discovery, name) {
    return discovery.profile.variables[name];
}
function nonEmpty(value) {
    return value !== undefined && value !== '';
}
/** A source as a tool would use it: its label, and its key ID masked where it has one. */
function describeSource(source) {
    if (source === undefined)
        return 'nothing (it finds no credentials)';
    const keyId = source.credentials?.accessKeyId?.raw;
    const key = keyId === undefined || keyId === '' ? '' : `, access key ${(0,markdown/* code */.aY)((0,redact/* maskAccessKeyId */.BT)(keyId))}`;
    const role = source.details.roleArn === undefined ? '' : `, assuming ${(0,markdown/* code */.aY)(source.details.roleArn)}`;
    return `${(0,markdown/* escapeText */.X1)(source.label)}${key}${role}`;
}
/**
 * What the JS SDK picks by itself, for the steps after this one: the action's own inputs do
 * not count, and the key variables are skipped where `AWS_PROFILE` is set.
 */
function jsChoice(discovery) {
    const profileSet = nonEmpty(set(discovery, 'AWS_PROFILE'));
    return discovery.sources.find(source => source.kind !== 'input' &&
        source.skipped === undefined &&
        source.partOf === undefined &&
        !(source.kind === 'environment' && profileSet));
}
/** The profile variables only describe the run where the `profile` input did not override them. */
function profileFromVariables(discovery) {
    return discovery.profile.origin.kind !== 'input';
}
function usableEnvironment(discovery) {
    return discovery.sources.find(source => source.kind === 'environment' && source.skipped === undefined);
}
const REMEDIATION = 'Give each job one source of credentials. Set `AWS_PROFILE` only on the jobs that use a profile, never at workflow level next to key variables; inside a `run:` step drop it with `unset AWS_PROFILE` (not `AWS_PROFILE: ""`, which makes AWS CLI v1 fail). Use `AWS_PROFILE` alone, not `AWS_DEFAULT_PROFILE`.';
function conflict(title, message, evidence) {
    return (0,src_findings/* finding */.gk)('precedence-conflict', { title, message, remediation: REMEDIATION, evidence });
}
/** `AWS_PROFILE` and a usable key pair: the AWS CLI takes the keys, the JS SDK the profile. */
function profileAndKeys(discovery) {
    const profile = set(discovery, 'AWS_PROFILE');
    const environment = usableEnvironment(discovery);
    if (!nonEmpty(profile) || environment === undefined || !profileFromVariables(discovery))
        return [];
    const missing = discovery.shared?.missingProfiles.some(item => item.name === profile) === true;
    const cliUse = discovery.tools?.awsCli;
    const cliEvidence = cliUse === undefined ? describeSource(environment) : (0,usage/* describeUse */.pt)(cliUse);
    const cli = cliUse === undefined || cliUse.source?.kind === 'environment'
        ? `uses the key variables (${describeSource(environment)}): it prefers a profile only when given \`--profile\``
        : `${(0,usage/* describeUse */.pt)(cliUse)}${cliUse.failure?.startsWith('The config profile') === true ? ' (it reads the profile even though it would use the key variables)' : ''}`;
    const js = `uses profile "${(0,markdown/* escapeText */.X1)(profile)}": ${missing ? 'which does not exist, so it falls through to ' : ''}${describeSource(jsChoice(discovery))}, and logs "Multiple credential sources detected"`;
    return [
        conflict('AWS_PROFILE and the key variables are both set', `Both \`AWS_PROFILE\` ("${(0,markdown/* escapeText */.X1)(profile)}") and \`AWS_ACCESS_KEY_ID\` / \`AWS_SECRET_ACCESS_KEY\` are set. The AWS CLI ${cli}. The AWS SDK for JavaScript ${js}. This report describes what the JS SDK uses; a later \`aws\` command may act as another identity.`, [`AWS CLI → ${cliEvidence}`, `JS SDK → ${describeSource(jsChoice(discovery))}`])
    ];
}
/** `AWS_PROFILE` and `AWS_DEFAULT_PROFILE` name different profiles (and no key pair decides it). */
function twoProfileVariables(discovery) {
    const profile = set(discovery, 'AWS_PROFILE');
    const fallback = set(discovery, 'AWS_DEFAULT_PROFILE');
    if (!nonEmpty(profile) || !nonEmpty(fallback) || profile === fallback)
        return [];
    if (usableEnvironment(discovery) !== undefined || !profileFromVariables(discovery))
        return [];
    return [
        conflict('AWS_PROFILE and AWS_DEFAULT_PROFILE name different profiles', `\`AWS_PROFILE\` is "${(0,markdown/* escapeText */.X1)(profile)}" and \`AWS_DEFAULT_PROFILE\` is "${(0,markdown/* escapeText */.X1)(fallback)}". AWS CLI v1 (botocore 1.x) reads \`AWS_DEFAULT_PROFILE\` first and uses "${(0,markdown/* escapeText */.X1)(fallback)}"; AWS CLI v2 and the AWS SDK for JavaScript use "${(0,markdown/* escapeText */.X1)(profile)}" (the JS SDK ignores \`AWS_DEFAULT_PROFILE\` altogether).`, [
            `AWS CLI v1 → profile "${(0,markdown/* escapeText */.X1)(fallback)}"`,
            `AWS CLI v2 → profile "${(0,markdown/* escapeText */.X1)(profile)}"`,
            `JS SDK → ${describeSource(jsChoice(discovery))}`
        ])
    ];
}
/** Only `AWS_DEFAULT_PROFILE`: the AWS CLI uses it, the JS SDK ignores it and reads [default]. */
function defaultProfileOnly(discovery) {
    const fallback = set(discovery, 'AWS_DEFAULT_PROFILE');
    if (!nonEmpty(fallback) || fallback === 'default' || nonEmpty(set(discovery, 'AWS_PROFILE')))
        return [];
    if (discovery.profile.origin.kind !== 'env' ||
        discovery.profile.origin.name !== 'AWS_DEFAULT_PROFILE')
        return [];
    if (usableEnvironment(discovery) !== undefined)
        return [];
    const hasDefault = (discovery.shared?.files ?? []).some(file => file.profiles.includes('default'));
    return [
        conflict('Only AWS_DEFAULT_PROFILE names the profile', `\`AWS_DEFAULT_PROFILE\` is "${(0,markdown/* escapeText */.X1)(fallback)}" and \`AWS_PROFILE\` is not set. The AWS CLI (v1 and v2) uses profile "${(0,markdown/* escapeText */.X1)(fallback)}", and so does this step's STS check (its credentials are the ones validated); the AWS SDK for JavaScript ignores \`AWS_DEFAULT_PROFILE\` and uses profile "default"${hasDefault ? '' : ', which does not exist, so Node-based tools find other credentials or none'}.`, [
            `AWS CLI → profile "${(0,markdown/* escapeText */.X1)(fallback)}"`,
            `JS SDK → profile "default"${hasDefault ? '' : ' (not defined)'}`
        ])
    ];
}
/** A profile variable set to the empty string: AWS CLI v1 fails, the JS SDK treats it as unset. */
function emptyProfileVariable(discovery) {
    return ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE']
        .filter(name => set(discovery, name) === '')
        .map(name => conflict(`${name} is set to an empty string`, `${(0,markdown/* code */.aY)(name)} is set but empty. AWS CLI v1 reads that as a profile named "" and stops every command with "The config profile () could not be found", even where key variables are set; the AWS SDK for JavaScript treats it as unset and uses ${describeSource(jsChoice(discovery))}.`, [`AWS CLI v1 → error`, `JS SDK → ${describeSource(jsChoice(discovery))}`]));
}
/**
 * Web identity variables beside a profile: botocore tries web identity before a profile's
 * static keys, SSO or process; the JS SDK tries the whole profile first.
 */
function webIdentityAndProfile(discovery) {
    const selected = jsChoice(discovery);
    const webIdentity = discovery.sources.find(source => source.kind === 'web-identity' && source.profile === undefined && source.skipped === undefined);
    if (webIdentity === undefined || selected === undefined || selected.profile === undefined)
        return [];
    // A profile that assumes a role comes before web identity in botocore as well.
    if (selected.details.chain !== undefined || selected.kind === 'web-identity')
        return [];
    return [
        conflict('Web identity variables and a profile are both configured', `\`AWS_ROLE_ARN\` / \`AWS_WEB_IDENTITY_TOKEN_FILE\` are set, and ${(0,markdown/* escapeText */.X1)(selected.label)} holds credentials too. The AWS CLI tries web identity before a profile's keys, SSO or process, so it assumes ${(0,markdown/* code */.aY)(webIdentity.details.roleArn ?? 'the role')}; the AWS SDK for JavaScript uses ${describeSource(selected)}.`, [`AWS CLI → ${describeSource(webIdentity)}`, `JS SDK → ${describeSource(selected)}`])
    ];
}
function fileOrigin(origin) {
    return origin?.kind === 'file' ? origin : undefined;
}
/** Where each half of a source's pair was read, where both come from a file. */
function pairOrigins(source) {
    const keyId = fileOrigin(source?.credentials?.accessKeyId?.origin);
    const secret = fileOrigin(source?.credentials?.secretAccessKey?.origin);
    return keyId === undefined || secret === undefined ? undefined : { keyId, secret };
}
/** The JS SDK's source where its two halves come from different files and the CLI refuses it. */
function splitPairOf(discovery) {
    const source = jsChoice(discovery);
    const origins = pairOrigins(source);
    const cliFailure = discovery.tools?.awsCli.failure ?? '';
    if (source === undefined || origins === undefined)
        return undefined;
    if (origins.keyId.path === origins.secret.path)
        return undefined;
    if (!cliFailure.startsWith('Partial credentials found in'))
        return undefined;
    return { source, ...origins, cliFailure };
}
function splitKeyPair(discovery) {
    const split = splitPairOf(discovery);
    if (split === undefined)
        return [];
    const { source, keyId, secret } = split;
    const cliFailure = (0,markdown/* escapeText */.X1)(split.cliFailure);
    const profile = (0,markdown/* escapeText */.X1)(source.profile ?? 'default');
    return [
        conflict(`The key pair of profile "${profile}" is split across the credentials and config files`, `Profile "${profile}" has its access key ID in ${(0,markdown/* code */.aY)(keyId.path)} (line ${keyId.line}) and its secret access key in ${(0,markdown/* code */.aY)(secret.path)} (line ${secret.line}). The AWS SDK for JavaScript merges the two files and uses the pair; the AWS CLI reads each file on its own and stops with "${cliFailure}". Put both keys of the pair in the credentials file, in ${(0,markdown/* code */.aY)(`[${source.profile ?? 'default'}]`)}.`, [`JS SDK → ${describeSource(source)}`, `AWS CLI → stops with "${cliFailure}"`])
    ];
}
/** One tool's file in words: its path, and whether it is there. */
function fileIn(path, display, found) {
    if (path === undefined)
        return 'no file at all';
    return `${(0,markdown/* code */.aY)(display ?? path)}${found ? '' : ' (no file is there)'}`;
}
/**
 * A file-path variable the two tools turn into different paths (measured with both): AWS CLI v1
 * expands `$NAME`, `${NAME}`, `~` and `~user/`, and reads no file where the variable is empty;
 * the JS SDK expands only a leading `~/` (it opens `~user/…` as a relative path), and takes an
 * empty variable as unset (`~/.aws/…`).
 */
function filePathVariables(discovery) {
    const cliFiles = discovery.tools?.awsCli.files ?? [];
    return (discovery.shared?.files ?? []).flatMap(jsFile => {
        const cliFile = cliFiles.find(file => file.kind === jsFile.kind);
        const variable = cliFile?.variable;
        if (cliFile === undefined || variable === undefined || cliFile.path === jsFile.path)
            return [];
        const jsFound = jsFile.state === 'read';
        if (!jsFound && !cliFile.found)
            return [];
        const jsReads = fileIn(jsFile.path, jsFile.display, jsFound);
        const cliReads = fileIn(cliFile.path, cliFile.display, cliFile.found);
        const target = jsFound ? jsFile.path : (cliFile.path ?? jsFile.path);
        const value = variable.value === '' ? 'set but empty' : `${(0,markdown/* code */.aY)(variable.value)}`;
        return [
            conflict(`${variable.name} names a different file for each tool`, `${(0,markdown/* code */.aY)(variable.name)} is ${value}: the AWS SDK for JavaScript reads ${jsReads}, the AWS CLI reads ${cliReads}. The JS SDK expands only a leading \`~/\` and takes an empty value as unset; AWS CLI v1 also expands \`$HOME\`, \`\${HOME}\`, \`~\` and \`~user/\`, and reads no file where the value is empty. Set ${(0,markdown/* code */.aY)(variable.name)} to an absolute path (${(0,markdown/* code */.aY)(target)}), which both read as written, or unset it to use ${(0,markdown/* code */.aY)(`~/.aws/${jsFile.kind}`)}.`, [`JS SDK → ${jsReads}`, `AWS CLI → ${cliReads}`])
        ];
    });
}
/** The key a tool would sign with, or what stops it, to compare the two tools by. */
function outcomeOf(use) {
    if (use.failure !== undefined)
        return 'fails';
    const source = use.source;
    if (source === undefined)
        return 'none';
    // Sources without a key of their own (a process, SSO, a role) are told apart by kind and profile.
    return source.accessKeyId ?? `${source.kind}:${source.profile ?? ''}`;
}
/**
 * Whatever the reason (a file one of them reads differently, a path only one expands, a profile
 * variable only one reads), the two tools end up with different keys, or one of them fails.
 */
function toolsDisagree(discovery) {
    const tools = discovery.tools;
    if (tools === undefined || !profileFromVariables(discovery))
        return [];
    if (outcomeOf(tools.jsSdk) === outcomeOf(tools.awsCli))
        return [];
    return [
        conflict('The AWS CLI and the JS SDK would use different credentials', `${(0,usage/* whatToolsDo */.Lg)(discovery)} A later \`aws\` command and a Node-based tool in this job would not act as the same identity${tools.awsCli.failure === undefined && tools.jsSdk.failure === undefined ? '' : ', or one of them fails'}; the other findings name the setting they read differently.`, (0,usage/* toolEvidence */.kY)(discovery))
    ];
}
/** The JS SDK's own profile as discovery examined it, where it is a role profile it passes over. */
function passedOverRole(discovery) {
    const js = discovery.tools?.jsSdk;
    if (js === undefined || discovery.profile.name !== js.profile)
        return undefined;
    return (0,credential_source/* passedOverRoleProfile */.ye)(discovery, js.profile);
}
/**
 * A role profile that cannot assume its role (a `credential_source` with nothing to read, a
 * missing or empty `source_profile`, a loop): the JS SDK's profile provider refuses it with an
 * error that lets its chain go on, so it quietly takes the next source (on a self-hosted EC2
 * runner, the instance role from IMDS) without assuming the profile's role; the AWS CLI stops
 * with its own error. Measured with both tools against a loopback IMDS
 * (__tests__/differential/role-profiles.test.ts).
 */
function roleProfileFallThrough(discovery) {
    const role = passedOverRole(discovery);
    const js = discovery.tools?.jsSdk.source;
    const failure = discovery.tools?.awsCli.failure;
    if (role === undefined || js === undefined || failure === undefined)
        return [];
    if (!profileFromVariables(discovery))
        return [];
    const profile = (0,markdown/* escapeText */.X1)(role.profile ?? 'default');
    const roleArn = (0,markdown/* code */.aY)(role.details.roleArn ?? '');
    const instead = (0,markdown/* escapeText */.X1)(js.label);
    const cli = (0,markdown/* escapeText */.X1)(failure);
    return [
        (0,src_findings/* finding */.gk)('precedence-conflict', {
            title: `Profile "${profile}" cannot assume its role: the JS SDK uses ${instead} instead, the AWS CLI stops`,
            message: `The ${(0,markdown/* escapeText */.X1)(role.label)} assumes ${roleArn}, but ${(0,markdown/* escapeText */.X1)(role.skipped ?? '')}. The AWS SDK for JavaScript passes the profile over without an error (its profile provider's refusal lets the chain try its next provider) and goes on to its next source, ${instead}: where that gives credentials, Node-based tools in this job act as that identity, not as ${roleArn}, and those are the credentials this step checks. The AWS CLI stops with "${cli}".`,
            remediation: `${(0,credential_source/* credentialSourceGap */.nS)(discovery)?.remediation ?? `Make profile "${profile}" able to assume its role: its \`source_profile\` chain must end at a profile with credentials.`} Where ${instead} is what the job should use, do not select the profile (no \`AWS_PROFILE\`, no \`role_arn\` in \`[default]\`), so that both tools use it.`,
            evidence: [
                `JS SDK → ${instead} (profile "${profile}" passed over: ${(0,markdown/* escapeText */.X1)(role.skipped ?? '')})`,
                `AWS CLI → stops with "${cli}"`
            ]
        })
    ];
}
/** More than one source is configured, and the AWS CLI and the JS SDK would not pick the same. */
const precedenceConflict = (0,check/* defineCheck */.qH)({
    ids: ['precedence-conflict'],
    run: discovery => {
        const specific = [
            ...profileAndKeys(discovery),
            ...twoProfileVariables(discovery),
            ...defaultProfileOnly(discovery),
            ...emptyProfileVariable(discovery),
            ...webIdentityAndProfile(discovery),
            ...filePathVariables(discovery),
            ...splitKeyPair(discovery),
            ...roleProfileFallThrough(discovery)
        ];
        return specific.length > 0 ? specific : toolsDisagree(discovery);
    }
});

;// CONCATENATED MODULE: ./src/checks/profile-not-found.ts






function fileName(file) {
    return file.kind === 'credentials' ? 'the credentials file' : 'the config file';
}
/** A profile name without the characters a variable or secret picks up by accident. */
function strayFree(name) {
    return name.replace(/[^\x21-\x7e]/gu, '').replace(/^["'`]+|["'`]+$/gu, '');
}
/** Which stray characters a name has, and where, in words (never more than three). */
function strayCharacters(name) {
    const found = [...name].flatMap((char, index) => {
        if (/[\x21-\x7e]/u.test(char) &&
            !(/["'`]/u.test(char) && (index === 0 || index === name.length - 1)))
            return [];
        const code = char.codePointAt(0) ?? 0;
        const what = char === ' '
            ? 'a space'
            : /["'`]/u.test(char)
                ? `a quote (${char})`
                : `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
        return [`${what} at position ${index + 1}`];
    });
    return found.slice(0, 3).join(', ');
}
/** What the files hold that comes close to the missing profile: the usual explanation. */
function hints(name, files) {
    const found = [];
    for (const file of files) {
        for (const section of file.ignoredSections) {
            if (section.intended === name)
                found.push(`${(0,markdown/* code */.aY)(`[${section.header}]`)} on line ${section.line} of ${(0,markdown/* escapeText */.X1)(file.display)}: ${section.reason}`);
        }
        for (const profile of file.profiles) {
            if (profile !== name && profile.toLowerCase() === name.toLowerCase())
                found.push(`${fileName(file)} defines "${(0,markdown/* escapeText */.X1)(profile)}": profile names are case-sensitive`);
            else if (profile !== name && profile.trim() === name)
                found.push(`${fileName(file)} defines "${(0,markdown/* escapeText */.X1)(profile)}", with spaces around the name`);
            else if (profile !== name && strayFree(name) === profile)
                found.push(`${fileName(file)} defines "${(0,markdown/* escapeText */.X1)(profile)}": the name asked for has ${strayCharacters(name)}`);
        }
    }
    return found;
}
function whereLooked(files) {
    return files.map(file => {
        const from = file.origin.kind === 'env'
            ? ` (from ${(0,markdown/* code */.aY)(file.origin.name)})`
            : file.display === file.path
                ? ''
                : ` (${file.path})`;
        if (file.state !== 'read')
            return `${file.display}${from}: ${file.state === 'missing' ? 'does not exist' : `${file.state}${file.detail === undefined ? '' : ` (${file.detail})`}`}`;
        const names = file.profiles.slice(0, 12).map(profile => `"${(0,markdown/* escapeText */.X1)(profile)}"`);
        return `${file.display}${from}: profiles ${names.length === 0 ? 'none' : names.join(', ')}${file.profiles.length > 12 ? ', …' : ''}`;
    });
}
function whatHappens(discovery, missing) {
    const tools = (0,usage/* whatToolsDo */.Lg)(discovery);
    if (missing.referencedBy !== undefined)
        return `Profile "${(0,markdown/* escapeText */.X1)(missing.referencedBy)}" cannot assume its role without it. ${tools}`;
    if (missing.origin.kind === 'input')
        return `The \`profile\` input names it, so this action examines a profile that is not there. ${tools}`;
    return tools;
}
/**
 * An error where the action's check needs the profile (the `profile` input, `AWS_PROFILE`, a
 * role chain it follows, or no other credentials at all); a warning where only the AWS CLI reads
 * it (`AWS_DEFAULT_PROFILE`, which the JS SDK ignores) or the JS SDK passes it over for another
 * source; a notice where neither tool does.
 */
function profile_not_found_severityOf(discovery, missing) {
    if (missing.origin.kind === 'input')
        return 'error';
    const owner = missing.referencedBy ?? missing.name;
    const action = profilesOfAction(discovery);
    const needed = action.has(owner) ||
        (discovery.selected === undefined &&
            (missing.referencedBy === undefined || owner === discovery.profile.name));
    const readers = readersOfProfile(discovery, owner);
    // Only a missing source_profile is judged by the source the JS SDK takes instead; a missing
    // selected profile stays an error, the likelier cause where the next source fails too.
    return severityByUse(needed, missing.referencedBy === undefined ? readers : readers.filter(passesOver(discovery, owner)));
}
/**
 * A reader that gets its credentials elsewhere: the JS SDK, whose profile provider's error lets
 * its chain go on, takes the next source (on a self-hosted EC2 runner, the instance role) where
 * a role profile's `source_profile` is missing (measured in
 * __tests__/differential/role-profiles.test.ts). The job works for it, with other credentials;
 * precedence-conflict says which.
 */
function passesOver(discovery, owner) {
    const js = discovery.tools?.jsSdk.source;
    const elsewhere = js !== undefined && js.profile !== owner;
    return reader => !(reader === 'js-sdk' && elsewhere);
}
/**
 * Why the finding is not an error. Where the JS SDK passes the profile over, the check cannot
 * know whether the source it takes instead works: the report judges that from what this run
 * saw (src/report/fall-through.ts), so the words hold either way.
 */
function noteOf(discovery, missing, severity) {
    const js = discovery.tools?.jsSdk.source;
    const owner = missing.referencedBy ?? missing.name;
    if (severity !== 'warning' || js === undefined || passesOver(discovery, owner)('js-sdk'))
        return (0,usage/* useNote */.mw)(severity);
    return ` The AWS SDK for JavaScript passes the profile over and goes on to ${(0,markdown/* escapeText */.X1)(js.label)}, the credentials this step checks; \`aws\` commands in this job stop.`;
}
/** The profile the run selects (or a `source_profile` it needs) is in neither file. */
const profileNotFound = (0,check/* defineCheck */.qH)({
    ids: ['profile-not-found'],
    run: discovery => {
        const files = discovery.shared?.files ?? [];
        return (discovery.shared?.missingProfiles ?? []).map((missing) => {
            const found = hints(missing.name, files);
            const role = missing.referencedBy === undefined ? 'Profile' : 'Source profile';
            const severity = profile_not_found_severityOf(discovery, missing);
            return (0,src_findings/* finding */.gk)('profile-not-found', {
                severity,
                title: `${role} "${(0,markdown/* escapeText */.X1)(missing.name)}" does not exist`,
                message: `${role} "${(0,markdown/* escapeText */.X1)(missing.name)}" (named by ${(0,check/* describeOrigin */.uN)(missing.origin)}) is in neither the credentials file nor the config file. ` +
                    (found.length > 0 ? `Close to it: ${found.join('; ')}. ` : '') +
                    whatHappens(discovery, missing) +
                    noteOf(discovery, missing, severity),
                remediation: "Define the profile in the form its file expects: `[NAME]` in the credentials file, `[profile NAME]` in the config file (`[default]` in both). Check the files the job really reads (`grep -n '^\\[' ~/.aws/credentials ~/.aws/config` prints no secrets); on a self-hosted runner the service may run with another `HOME`, and `AWS_SHARED_CREDENTIALS_FILE` / `AWS_CONFIG_FILE` can point elsewhere. Do not set `AWS_PROFILE` for the whole workflow when only some runners have the profile.",
                evidence: [...found, ...(0,usage/* toolEvidence */.kY)(discovery), ...whereLooked(files)],
                origin: missing.origin
            });
        });
    }
});

;// CONCATENATED MODULE: ./src/checks/quoted-value.ts


/** The quote characters, by kind: the kinds are what the words name. */
const QUOTES = {
    '"': 'double quote',
    "'": 'single quote',
    '`': 'backtick',
    '\u201C': 'typographic double quote',
    '\u201D': 'typographic double quote',
    '\u2018': 'typographic single quote',
    '\u2019': 'typographic single quote'
};
/** Which ends of a value carry a quote character, ignoring surrounding whitespace. */
function quotesOf(raw) {
    const value = raw.trim();
    if (value === '')
        return undefined;
    const first = [...value][0] ?? '';
    const last = [...value].at(-1) ?? '';
    const start = QUOTES[first];
    const end = value.length > 1 ? QUOTES[last] : undefined;
    if (start === undefined && end === undefined)
        return undefined;
    return { ...(start === undefined ? {} : { start }), ...(end === undefined ? {} : { end }) };
}
/** Quotes are part of the value: neither environment variables nor the SDKs' INI readers remove them. */
const quotedValue = (0,check/* defineFactCheck */.GW)({
    ids: ['quoted-value'],
    detect: discovery => (0,check/* credentialValues */.w2)(discovery).flatMap((value) => {
        const quotes = quotesOf(value.value.raw);
        if (quotes === undefined)
            return [];
        const onlyQuotes = value.value.raw.trim().replace(/["'`\u2018\u2019\u201C\u201D]/gu, '') === '';
        return [
            {
                id: 'quoted-value',
                source: value.source.label,
                part: value.part,
                origin: value.value.origin,
                quotes,
                onlyQuotes
            }
        ];
    })
});

// EXTERNAL MODULE: ./src/aws/regions.ts
var regions = __webpack_require__(736);
;// CONCATENATED MODULE: ./src/checks/region-invalid.ts



/**
 * A region that is not a host label (a space, a slash, an underscore, a trailing dot or
 * newline): the JS SDK refuses it before sending any request, so no AWS answer can explain
 * the failure, and retrying cannot help.
 */
const regionInvalid = (0,check/* defineFactCheck */.GW)({
    ids: ['region-invalid'],
    detect: discovery => {
        const region = discovery.region;
        if ((0,regions/* isAcceptedRegion */.Ip)(region.value))
            return [];
        // Not shown where it may be a pasted secret.
        const hidden = region.value.length > 40 || looksLikeKeyMaterial(region.value);
        return [
            {
                id: 'region-invalid',
                origin: region.origin,
                length: region.value.length,
                ...(hidden ? {} : { shown: region.value })
            }
        ];
    }
});

;// CONCATENATED MODULE: ./src/checks/secret-access-key-malformed.ts





/**
 * The secret judged after removing quotes and invisible characters (reported on their own),
 * and not at all where it is empty, a placeholder, an example or swapped with the key ID
 * (superseded by keys-swapped, declared in src/findings.ts).
 */
const secretAccessKeyMalformed = (0,check/* defineFactCheck */.GW)({
    ids: ['secret-access-key-malformed'],
    detect: discovery => discovery.sources.flatMap((source) => {
        const secret = source.credentials?.secretAccessKey;
        if (secret === undefined)
            return [];
        const value = (0,check/* cleaned */.L0)(secret.raw);
        if (value === '' ||
            placeholderKind(secret.raw, 'secretAccessKey') !== undefined ||
            isExampleValue('secretAccessKey', secret.raw))
            return [];
        const problem = secretProblem(value, secret.raw);
        if (problem === undefined)
            return [];
        return [
            {
                id: 'secret-access-key-malformed',
                source: source.label,
                origin: secret.origin,
                length: value.length,
                problem
            }
        ];
    })
});

;// CONCATENATED MODULE: ./src/checks/session-token-missing.ts


/** Temporary keys (ASIA) are only valid together with the session token STS issued with them. */
const sessionTokenMissing = (0,check/* defineFactCheck */.GW)({
    ids: ['session-token-missing'],
    detect: discovery => discovery.sources.flatMap((source) => {
        const keyId = source.credentials?.accessKeyId;
        if (keyId === undefined || !(0,check/* cleaned */.L0)(keyId.raw).startsWith('ASIA'))
            return [];
        const token = source.credentials?.sessionToken;
        if (token !== undefined && token.raw !== '')
            return [];
        const legacy = source.credentials?.legacySessionToken;
        return [
            {
                id: 'session-token-missing',
                source: source.label,
                keyId: { origin: keyId.origin },
                ...(legacy === undefined ? {} : { legacy: { origin: legacy.origin } })
            }
        ];
    })
});

;// CONCATENATED MODULE: ./src/checks/session-token-unexpected.ts


/**
 * A session token beside a long-term (AKIA) key: the token belongs to other, temporary
 * credentials, and STS rejects the pair. Usually a leftover: `aws configure` keeps an old
 * `aws_session_token` line, and configure-aws-credentials exports `AWS_SESSION_TOKEN`.
 */
const sessionTokenUnexpected = (0,check/* defineFactCheck */.GW)({
    ids: ['session-token-unexpected'],
    detect: discovery => discovery.sources.flatMap((source) => {
        const keyId = source.credentials?.accessKeyId;
        if (keyId === undefined || !(0,check/* cleaned */.L0)(keyId.raw).startsWith('AKIA'))
            return [];
        const token = source.credentials?.sessionToken ?? source.credentials?.legacySessionToken;
        if (token === undefined || token.raw.trim() === '')
            return [];
        return [
            {
                id: 'session-token-unexpected',
                source: source.label,
                keyId: { origin: keyId.origin },
                token: { origin: token.origin, length: token.raw.length },
                legacy: token === source.credentials?.legacySessionToken
            }
        ];
    })
});

;// CONCATENATED MODULE: ./src/checks/role-profile-mfa-required.ts


/**
 * A role profile with `mfa_serial`: `resolveAssumeRoleCredentials` in
 * `@aws-sdk/credential-provider-ini` throws "Profile NAME requires multi-factor authentication,
 * but no MFA code callback was provided." unless the caller passes an `mfaCodeProvider`, which
 * the default chain never does; botocore's AssumeRoleCredentialFetcher prompts with getpass
 * ("Enter MFA code for SERIAL: "), reading a terminal a CI job lacks.
 */
const roleProfileMfaRequired = (0,check/* defineFactCheck */.GW)({
    ids: ['role-profile-mfa-required'],
    detect: discovery => {
        const inUse = new Set((0,model/* sourcesInUse */.XT)(discovery).map(source => source.label));
        const seen = new Set();
        return discovery.sources.flatMap((source) => {
            const serial = source.mfaSerial;
            if (serial === undefined || seen.has(source.label))
                return [];
            seen.add(source.label);
            return [
                {
                    id: 'role-profile-mfa-required',
                    source: source.label,
                    ...(source.details.roleArn === undefined ? {} : { roleArn: source.details.roleArn }),
                    mfaSerial: serial.raw,
                    origin: serial.origin,
                    used: inUse.has(source.label)
                }
            ];
        });
    }
});

;// CONCATENATED MODULE: ./src/checks/sso-login-required.ts


function ssoSources(discovery) {
    const inUse = new Set((0,model/* sourcesInUse */.XT)(discovery).map(source => source.label));
    const seen = new Set();
    return discovery.sources
        .filter(source => source.ssoToken !== undefined && !seen.has(source.label) && seen.add(source.label))
        .map(source => ({ source, inUse: inUse.has(source.label) }));
}
/** An SSO profile the SDK would refuse before calling the portal: judged from the files alone. */
const ssoLoginRequired = (0,check/* defineFactCheck */.GW)({
    ids: ['sso-login-required', 'sso-profile-incomplete'],
    detect: discovery => ssoSources(discovery).flatMap(({ source, inUse }) => {
        const status = source.ssoToken;
        if (status === undefined || status.state === 'valid')
            return [];
        const facts = {
            source: source.label,
            status,
            session: source.details.ssoSession !== undefined,
            inUse
        };
        return [
            status.state === 'incomplete'
                ? { id: 'sso-profile-incomplete', ...facts }
                : { id: 'sso-login-required', ...facts }
        ];
    })
});

// EXTERNAL MODULE: ./src/report/web-identity-token-invalid.ts
var web_identity_token_invalid = __webpack_require__(4573);
;// CONCATENATED MODULE: ./src/checks/web-identity-token-invalid.ts




/** A web identity token file that the SDK would fail to exchange: judged offline, before STS. */
const webIdentityTokenInvalid = (0,check/* defineCheck */.qH)({
    ids: ['web-identity-token-invalid'],
    run: discovery => (0,model/* sourcesInUse */.XT)(discovery).flatMap((source) => {
        const status = source.tokenFile;
        if (status === undefined || status.state === 'valid')
            return [];
        return [
            (0,web_identity_token_invalid/* webIdentityTokenInvalid */.Z)({
                kind: 'file',
                path: status.path,
                state: status.state,
                ...(status.detail === undefined ? {} : { detail: status.detail }),
                namedIn: (0,check/* describeOrigin */.uN)(status.origin),
                source: source.label,
                ...(source.details.roleArn === undefined ? {} : { roleArn: source.details.roleArn }),
                ...(status.claims === undefined ? {} : { claims: status.claims }),
                origin: status.origin
            })
        ];
    })
});

;// CONCATENATED MODULE: ./src/checks/index.ts

























const CHECKS = [
    // Why no credentials reached the job.
    forkPrSecretsUnavailable,
    dependabotSecretsUnavailable,
    emptyCredentialVariable,
    credentialVariableMisnamed,
    profileNotFound,
    incompleteCredentials,
    no_credentials/* noCredentials */.gT,
    // What is wrong with the values.
    placeholderCredentials,
    exampleCredentials,
    keysSwapped,
    quotedValue,
    invisibleCharacters,
    accessKeyIdMalformed,
    secretAccessKeyMalformed,
    sessionTokenMissing,
    sessionTokenUnexpected,
    // Where the requests would go.
    regionInvalid,
    configVariableInvalid,
    endpointOverrideUnreachable,
    // Files, token files, and tools that disagree.
    credentialsFileMalformed,
    webIdentityTokenInvalid,
    ssoLoginRequired,
    roleProfileMfaRequired,
    precedenceConflict,
    longTermCredentials
];
function runChecks(discovery, settings) {
    return CHECKS.flatMap(check => check.run(discovery, settings));
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: ./src/settings.ts
var src_settings = __webpack_require__(8750);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/discover/shared-files.ts
/**
 * Finds and reads the shared credentials file and the config file where the SDKs look for them:
 * `AWS_SHARED_CREDENTIALS_FILE` and `AWS_CONFIG_FILE`, else `~/.aws/credentials` and
 * `~/.aws/config` under the home directory the JS SDK would use.
 */



const FILE_ENV = {
    credentials: 'AWS_SHARED_CREDENTIALS_FILE',
    config: 'AWS_CONFIG_FILE'
};
/** The JS SDK's `getHomeDir`: HOME, then USERPROFILE, then HOMEDRIVE+HOMEPATH, then the OS. */
function homeDirectory(env, osHome) {
    const { HOME, USERPROFILE, HOMEPATH, HOMEDRIVE } = env;
    if (HOME !== undefined && HOME !== '')
        return HOME;
    if (USERPROFILE !== undefined && USERPROFILE !== '')
        return USERPROFILE;
    if (HOMEPATH !== undefined && HOMEPATH !== '')
        return `${HOMEDRIVE ?? 'C:\\'}${HOMEPATH}`;
    return osHome();
}
function displayPath(path, home) {
    if (home !== '' && home !== '/' && path.startsWith(`${home}/`))
        return `~/${path.slice(home.length + 1)}`;
    return path;
}
/** A path as the JS SDK opens it: a leading `~/` expanded, anything else as written. */
function jsSdkPath(value, place) {
    const path = value.startsWith('~/') ? (0,external_node_path_.join)(place.home, value.slice(2)) : value;
    // fs.readFile opens a relative path (` /x`, `x/credentials`, `~user/x`) from the working directory.
    return (0,external_node_path_.resolve)(place.cwd, path);
}
/**
 * The users' home directories of `/etc/passwd`, which botocore's `os.path.expanduser` looks a
 * `~user/` up in (through `pwd.getpwnam`; a directory service beyond the file is not read).
 */
function passwdHomes(readFile) {
    let homes;
    return name => {
        homes ??= new Map(((0,files/* textOf */.b6)(readFile('/etc/passwd')) ?? '')
            .split('\n')
            .map(line => line.split(':'))
            .filter(fields => fields.length >= 7 && fields[0] !== '')
            .map(fields => [fields[0] ?? '', fields[5] ?? '']));
        return homes.get(name);
    };
}
function locate(env, kind, place) {
    const name = FILE_ENV[kind];
    const configured = env[name];
    if (configured !== undefined && configured !== '') {
        return { path: jsSdkPath(configured, place), origin: { kind: 'env', name } };
    }
    const { home } = place;
    return {
        path: (0,external_node_path_.join)(home, '.aws', kind),
        origin: { kind: 'default', name: `~/.aws/${kind}` }
    };
}
function loadSharedFile(env, kind, place, readFile) {
    const { home } = place;
    const { path, origin } = locate(env, kind, place);
    const display = displayPath(path, home);
    const read = readFile(path, files/* MAX_SHARED_FILE_BYTES */.qJ);
    if (read.state !== 'read') {
        return {
            kind,
            display,
            file: {
                kind,
                path,
                display,
                origin,
                state: read.state,
                ...(read.detail === undefined ? {} : { detail: read.detail }),
                profiles: [],
                ignoredSections: [],
                issues: []
            }
        };
    }
    const parsed = parseIni(read.text, kind);
    return {
        kind,
        display,
        parsed,
        file: {
            kind,
            path,
            display,
            origin,
            state: 'read',
            // Names as they may be shown: a secret pasted as a section name stays hidden.
            profiles: [...parsed.profiles.keys()].map(displayHeader),
            ignoredSections: parsed.ignoredSections,
            issues: parsed.issues
        }
    };
}

;// CONCATENATED MODULE: ./src/discover/environment.ts

const ENV = {
    accessKeyId: 'AWS_ACCESS_KEY_ID',
    secretAccessKey: 'AWS_SECRET_ACCESS_KEY',
    sessionToken: 'AWS_SESSION_TOKEN',
    /** Legacy alias of AWS_SESSION_TOKEN that botocore still reads and the JS SDK does not. */
    securityToken: 'AWS_SECURITY_TOKEN',
    profile: 'AWS_PROFILE',
    defaultProfile: 'AWS_DEFAULT_PROFILE'
};
const ENVIRONMENT_LABEL = `environment ${ENV.accessKeyId} / ${ENV.secretAccessKey}`;
const INPUT_LABEL = `inputs ${src_settings/* INPUT */.bO.accessKeyId} / ${src_settings/* INPUT */.bO.secretAccessKey}`;
function fromEnv(env, name) {
    const raw = env[name];
    return raw === undefined ? undefined : { raw, origin: { kind: 'env', name } };
}
function fromInput(value, name) {
    return value === undefined ? undefined : { raw: value, origin: { kind: 'input', name } };
}
/** Drops the parts that are absent, so `Object.values` lists only what was found. */
function compact(credentials) {
    return Object.fromEntries(Object.entries(credentials).filter(([, value]) => value !== undefined));
}
/** The credential inputs; the runner sets every input, so an empty one was not given. */
function inputSource(settings) {
    const credentials = compact({
        accessKeyId: fromInput(settings.accessKeyId, src_settings/* INPUT */.bO.accessKeyId),
        secretAccessKey: fromInput(settings.secretAccessKey, src_settings/* INPUT */.bO.secretAccessKey),
        sessionToken: fromInput(settings.sessionToken, src_settings/* INPUT */.bO.sessionToken)
    });
    // A session token input alone does not make a source: it only completes the others.
    if (credentials.accessKeyId === undefined && credentials.secretAccessKey === undefined)
        return undefined;
    return { kind: 'input', label: INPUT_LABEL, credentials, details: {} };
}
/** Why the JS SDK's fromEnv passes over the key variables: it needs both, non-empty. */
function skipReason(credentials) {
    const missing = [
        [ENV.accessKeyId, credentials.accessKeyId],
        [ENV.secretAccessKey, credentials.secretAccessKey]
    ]
        .filter(([, value]) => value === undefined || value.raw === '')
        .map(([name, value]) => `${name} is ${value === undefined ? 'not set' : 'empty'}`);
    return missing.length === 0 ? undefined : `${missing.join(' and ')}`;
}
/**
 * The key variables, present even when set to empty strings: an empty `AWS_ACCESS_KEY_ID`
 * is the usual sign of a secret that did not reach the job. An empty session token means
 * "no token" (other tools clear it that way), so it is dropped. `AWS_SECURITY_TOKEN` is kept
 * apart: the AWS CLI would send it, the JS SDK would not.
 */
function environmentSource(env) {
    const nonEmpty = (value) => value?.raw === '' ? undefined : value;
    const credentials = compact({
        accessKeyId: fromEnv(env, ENV.accessKeyId),
        secretAccessKey: fromEnv(env, ENV.secretAccessKey),
        sessionToken: nonEmpty(fromEnv(env, ENV.sessionToken)),
        legacySessionToken: nonEmpty(fromEnv(env, ENV.securityToken))
    });
    if (credentials.accessKeyId === undefined && credentials.secretAccessKey === undefined) {
        return undefined;
    }
    const skipped = skipReason(credentials);
    const details = {};
    if (credentials.legacySessionToken !== undefined && credentials.sessionToken === undefined) {
        details.legacyToken = `${ENV.securityToken} is set: the AWS CLI sends it as the session token, the JS SDK ignores it`;
    }
    return {
        kind: 'environment',
        label: ENVIRONMENT_LABEL,
        credentials,
        details,
        ...(skipped === undefined ? {} : { skipped })
    };
}

;// CONCATENATED MODULE: ./src/discover/tools.ts
/**
 * What the two tools a job most often runs after this step would do with the runner's setup:
 * the AWS SDK for JavaScript v3 (`defaultProvider`, as every Node-based tool uses it) and the
 * AWS CLI v1 (botocore's `create_credential_resolver`). The report says which tool uses what, and
 * a problem in something neither reads cannot fail the step. Every rule here was measured with
 * the real tools (botocore 1.43.11 / aws-cli 1.45.11, @aws-sdk/credential-provider-node
 * 3.972.99); the facts and their sources are in __tests__/differential/facts.ts.
 */





function present(env, name) {
    return env[name];
}
function tools_nonEmpty(env, name) {
    const value = env[name];
    return value === undefined || value === '' ? undefined : value;
}
// ----- the AWS SDK for JavaScript ----------------------------------------------------------------
/**
 * The JS SDK's choice among the sources discovery listed for its profile (`AWS_PROFILE`, else
 * `default`; it ignores `AWS_DEFAULT_PROFILE`). A non-empty `AWS_PROFILE` skips the key variables;
 * a source it cannot use is passed over silently; at the end it says "Could not load credentials
 * from any providers".
 */
function jsSdkUse(env, sources, profileSources) {
    const named = tools_nonEmpty(env, ENV.profile);
    const profile = named ?? 'default';
    const selected = sources.find(source => source.kind !== 'input' &&
        source.skipped === undefined &&
        source.partOf === undefined &&
        !(source.kind === 'environment' && named !== undefined));
    const profilesRead = selected?.kind === 'environment'
        ? []
        : [
            profile,
            ...profileSources.flatMap(source => source.profile === undefined ? [] : [source.profile])
        ];
    return {
        tool: 'js-sdk',
        profile,
        ...(named === undefined ? {} : { profileVariable: ENV.profile }),
        profilesRead: [...new Set(profilesRead)],
        readsEnvironmentKeys: named === undefined,
        ...(selected === undefined
            ? { failure: 'Could not load credentials from any providers' }
            : { source: toolSourceOf(selected) })
    };
}
function toolSourceOf(source) {
    const keyId = source.credentials?.accessKeyId;
    return {
        kind: source.kind,
        label: source.label,
        ...(source.profile === undefined ? {} : { profile: source.profile }),
        ...(keyId === undefined ? {} : { accessKeyId: keyId.raw, origin: keyId.origin })
    };
}
/** Python's `os.path.expandvars`: `$NAME` and `${NAME}` of variables that exist; others stay. */
function expandVariables(path, env) {
    return path.replace(/\$(\w+)|\$\{([^}]*)\}/gu, (whole, bare, braced) => {
        const value = env[bare ?? braced ?? ''];
        return value === undefined ? whole : value;
    });
}
/**
 * Python's `os.path.expanduser` as botocore calls it: `~` and `~/…` are the home directory,
 * `~user/…` that user's (unchanged where there is no such user), anything else as written.
 */
function expandUser(path, place) {
    if (!path.startsWith('~'))
        return path;
    const slash = path.indexOf('/', 1);
    const end = slash < 0 ? path.length : slash;
    const name = path.slice(1, end);
    const base = name === '' ? place.home : place.userHome(name);
    if (base === undefined)
        return path;
    return `${base.replace(/\/+$/u, '')}${path.slice(end)}` || '/';
}
/**
 * Where botocore looks for a shared file: the variable expanded (`os.path.expandvars`, then
 * `os.path.expanduser`), the default under `~/.aws`; an empty variable names no file at all
 * (measured: botocore then reads none, where the JS SDK falls back to the default). A relative
 * path is opened from the working directory.
 */
function cliPath(env, kind, place) {
    const configured = present(env, FILE_ENV[kind]);
    if (configured === undefined)
        return (0,external_node_path_.join)(place.home, '.aws', kind);
    if (configured === '')
        return undefined;
    return (0,external_node_path_.resolve)(place.cwd, expandUser(expandVariables(configured, env), place));
}
function loadCliFile(env, kind, place, readFile) {
    const { home } = place;
    const path = cliPath(env, kind, place);
    const value = present(env, FILE_ENV[kind]);
    const named = {
        kind,
        ...(value === undefined ? {} : { variable: { name: FILE_ENV[kind], value } })
    };
    if (path === undefined)
        return { ...named, found: false, sections: new Map() };
    const read = readFile(path, files/* MAX_SHARED_FILE_BYTES */.qJ);
    const display = displayPath(path, home);
    if (read.state !== 'read')
        return { ...named, path, display, found: false, sections: new Map() };
    const parsed = parseCliConfig(read.text);
    return {
        ...named,
        path,
        display,
        found: true,
        sections: kind === 'config' ? cliConfigProfiles(parsed) : parsed.sections,
        ...(parsed.parseError === undefined ? {} : { parseError: parsed.parseError })
    };
}
const NO_CREDENTIALS = 'Unable to locate credentials. You can configure credentials by running "aws configure".';
function mergedProfiles(config, credentials) {
    const profiles = new Map(config.sections);
    for (const [name, section] of credentials.sections)
        profiles.set(name, new Map([...(profiles.get(name) ?? new Map()), ...section]));
    return profiles;
}
function profileLabel(name, file) {
    return `profile "${name}" in ${file.display ?? file.kind}`;
}
/** Static keys of one file's section, as SharedCredentialProvider and ConfigProvider read them. */
function staticKeys(name, file, provider) {
    const section = file.sections.get(name);
    const keyId = section?.get('aws_access_key_id');
    if (section === undefined || keyId === undefined)
        return undefined;
    if (!section.has('aws_secret_access_key'))
        return {
            failure: `Partial credentials found in ${provider}, missing: aws_secret_access_key`,
            profiles: [name]
        };
    const origin = {
        kind: 'file',
        path: file.display ?? file.kind,
        line: keyId.line,
        key: 'aws_access_key_id',
        section: file.kind === 'config' && name !== 'default' ? `profile ${name}` : name
    };
    return {
        source: {
            kind: file.kind === 'credentials' ? 'shared-credentials-file' : 'config-file',
            label: profileLabel(name, file),
            profile: name,
            accessKeyId: keyId.value,
            origin
        },
        profiles: [name]
    };
}
const SSO_KEYS = ['sso_start_url', 'sso_session', 'sso_account_id', 'sso_role_name', 'sso_region'];
/** The providers botocore builds for one profile, in order, without the environment. */
function profileProviders(name, context) {
    const profile = context.profiles.get(name);
    const source = (kind, what) => ({
        source: { kind, label: `profile "${name}" (${what})`, profile: name },
        profiles: [name]
    });
    if (profile?.has('web_identity_token_file') === true && profile.has('role_arn'))
        return source('web-identity', 'web identity token file');
    if (SSO_KEYS.some(key => profile?.has(key) === true))
        return source('sso', 'SSO');
    const shared = staticKeys(name, context.credentials, 'shared-credentials-file');
    if (shared !== undefined)
        return shared;
    if (profile?.has('credential_process') === true)
        return source('process', 'credential_process');
    return staticKeys(name, context.config, 'config-file');
}
const CREDENTIAL_SOURCES = new Set(['Environment', 'Ec2InstanceMetadata', 'EcsContainer']);
function hasStatic(section) {
    return (section?.has('aws_access_key_id') === true || section?.has('aws_secret_access_key') === true);
}
function isRole(section) {
    return section?.has('role_arn') === true && !section.has('web_identity_token_file');
}
/** AssumeRoleProvider: the role profile's configuration checked, then its source followed. */
function assumeRole(name, context, visited) {
    const profile = context.profiles.get(name);
    const sourceProfile = profile?.get('source_profile')?.value;
    const credentialSource = profile?.get('credential_source')?.value;
    const chain = [...visited, name];
    if (sourceProfile !== undefined && credentialSource !== undefined)
        return {
            failure: `The profile "${name}" contains both source_profile and credential_source.`,
            profiles: chain
        };
    if (credentialSource !== undefined)
        return fromCredentialSource(name, credentialSource, chain, context.env);
    if (sourceProfile === undefined)
        return {
            failure: 'Partial credentials found in assume-role, missing: source_profile or credential_source',
            profiles: chain
        };
    return fromSourceProfile(name, sourceProfile, context, chain);
}
/**
 * Whether botocore's provider for a `credential_source` finds nothing to read: its
 * ContainerProvider needs a container credentials variable to be present (even empty), its
 * EnvProvider a non-empty `AWS_ACCESS_KEY_ID` (botocore/credentials.py). Where it finds nothing,
 * AssumeRoleProvider raises CredentialRetrievalError (measured in
 * __tests__/differential/role-profiles.test.ts).
 */
function sourceIsEmpty(credentialSource, env) {
    if (credentialSource === 'EcsContainer')
        return (present(env, 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI') === undefined &&
            present(env, 'AWS_CONTAINER_CREDENTIALS_FULL_URI') === undefined);
    return credentialSource === 'Environment' && tools_nonEmpty(env, ENV.accessKeyId) === undefined;
}
/** `credential_source`: the role is assumed with the environment's or the instance's credentials. */
function fromCredentialSource(name, credentialSource, chain, env) {
    if (!CREDENTIAL_SOURCES.has(credentialSource))
        return {
            failure: `The credential source "${credentialSource}" referenced in profile "${name}" is not valid.`,
            profiles: chain
        };
    if (sourceIsEmpty(credentialSource, env))
        return {
            failure: `Error when retrieving credentials from ${credentialSource}: No credentials found in credential_source referenced in profile ${name}`,
            profiles: chain
        };
    return {
        source: {
            kind: 'config-file',
            label: `profile "${name}" (assumes its role with ${credentialSource})`,
            profile: name
        },
        profiles: chain
    };
}
/** `source_profile`: the role is assumed with that profile's credentials, followed to their end. */
function fromSourceProfile(name, sourceProfile, context, chain) {
    const next = context.profiles.get(sourceProfile);
    if (next === undefined)
        return {
            failure: `The source_profile "${sourceProfile}" referenced in the profile "${name}" does not exist.`,
            profiles: chain
        };
    const selfWithKeys = sourceProfile === name && hasStatic(next);
    if (chain.includes(sourceProfile) && !selfWithKeys)
        return {
            failure: `Infinite loop in credential configuration detected. Attempting to load from profile ${sourceProfile} which has already been visited. Visited profiles: [${chain.map(item => `'${item}'`).join(', ')}]`,
            profiles: chain
        };
    const base = hasStatic(next) || !isRole(next)
        ? (profileProviders(sourceProfile, context) ?? {
            failure: `The source profile "${sourceProfile}" must have credentials.`,
            profiles: [sourceProfile]
        })
        : assumeRole(sourceProfile, context, chain);
    const profiles = [...new Set([...chain, ...base.profiles])];
    if ('failure' in base)
        return { failure: base.failure, profiles };
    // The CLI signs with the role's session, not with the source profile's key: the role's
    // profile is what tells two tools' choices apart, as it is in the JS SDK's view.
    return {
        source: {
            kind: 'config-file',
            label: `profile "${name}" (assumes its role with the credentials of ${base.source.label})`,
            profile: name
        },
        profiles
    };
}
function environmentKeys(env) {
    const keyId = tools_nonEmpty(env, ENV.accessKeyId);
    if (keyId === undefined)
        return undefined;
    if (tools_nonEmpty(env, ENV.secretAccessKey) === undefined)
        return {
            failure: `Partial credentials found in env, missing: ${ENV.secretAccessKey}`,
            profiles: []
        };
    return {
        source: {
            kind: 'environment',
            label: ENVIRONMENT_LABEL,
            accessKeyId: keyId,
            origin: { kind: 'env', name: ENV.accessKeyId }
        },
        profiles: []
    };
}
function remoteSources(env) {
    if (tools_nonEmpty(env, 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI') !== undefined ||
        tools_nonEmpty(env, 'AWS_CONTAINER_CREDENTIALS_FULL_URI') !== undefined)
        return { source: { kind: 'container', label: 'container credentials endpoint' }, profiles: [] };
    if ((env.AWS_EC2_METADATA_DISABLED ?? 'false').toLowerCase() === 'true')
        return undefined;
    return {
        source: { kind: 'instance-metadata', label: 'EC2 instance metadata (IMDS)' },
        profiles: []
    };
}
/** `create_credential_resolver`: env → assume role → web identity → SSO → files → process → remote. */
function cliChain(profile, context) {
    const env = context.env;
    const fromEnv = environmentKeys(env);
    if (fromEnv !== undefined)
        return fromEnv;
    if (isRole(context.profiles.get(profile)))
        return assumeRole(profile, context, []);
    if (tools_nonEmpty(env, 'AWS_WEB_IDENTITY_TOKEN_FILE') !== undefined &&
        tools_nonEmpty(env, 'AWS_ROLE_ARN') !== undefined)
        return {
            source: { kind: 'web-identity', label: 'AWS_ROLE_ARN / AWS_WEB_IDENTITY_TOKEN_FILE' },
            profiles: [profile]
        };
    const own = profileProviders(profile, context);
    if (own !== undefined)
        return own;
    return remoteSources(env) ?? { failure: NO_CREDENTIALS, profiles: [profile] };
}
/**
 * AWS CLI v1's choice: it parses both files before anything else (a file it cannot parse fails
 * every command), takes `AWS_DEFAULT_PROFILE` before `AWS_PROFILE` (an empty value included), stops
 * where that profile is in neither file (even with key variables set), and otherwise prefers the
 * key variables to any profile.
 */
function awsCliUse(env, place, readFile) {
    const config = loadCliFile(env, 'config', place, readFile);
    const credentials = loadCliFile(env, 'credentials', place, readFile);
    const { variable, named } = cliProfileVariable(env);
    const base = {
        tool: 'aws-cli',
        profile: named ?? 'default',
        ...(variable === undefined ? {} : { profileVariable: variable }),
        files: [config, credentials].map(toolFile)
    };
    const broken = [config, credentials].find(file => file.parseError !== undefined);
    if (broken !== undefined)
        return { ...base, ...unparseable(broken) };
    const context = {
        env,
        credentials,
        config,
        profiles: mergedProfiles(config, credentials)
    };
    if (named !== undefined && !context.profiles.has(named))
        return {
            ...base,
            profilesRead: [named],
            readsEnvironmentKeys: false,
            failure: `The config profile (${named}) could not be found`
        };
    const step = cliChain(named === undefined || named === '' ? 'default' : named, context);
    return {
        ...base,
        profilesRead: step.profiles,
        readsEnvironmentKeys: tools_nonEmpty(env, ENV.accessKeyId) !== undefined,
        ...('failure' in step ? { failure: step.failure } : { source: step.source })
    };
}
function toolFile(file) {
    return {
        kind: file.kind,
        found: file.found,
        ...(file.variable === undefined ? {} : { variable: file.variable }),
        ...(file.path === undefined ? {} : { path: file.path }),
        ...(file.display === undefined ? {} : { display: file.display })
    };
}
/** The variable that names the AWS CLI's profile, `AWS_DEFAULT_PROFILE` first, and its value. */
function cliProfileVariable(env) {
    const variable = [ENV.defaultProfile, ENV.profile].find(name => present(env, name) !== undefined);
    if (variable === undefined)
        return {};
    const named = present(env, variable);
    return named === undefined ? { variable } : { variable, named };
}
/** A file the AWS CLI cannot parse: every command fails before any credential is looked at. */
function unparseable(broken) {
    return {
        profilesRead: [],
        readsEnvironmentKeys: false,
        failure: `Unable to parse config file: ${broken.path ?? ''}`,
        unparseable: {
            path: broken.display ?? broken.path ?? '',
            line: broken.parseError?.line ?? 1,
            reason: broken.parseError?.reason ?? ''
        }
    };
}

;// CONCATENATED MODULE: ./src/discover/config-settings.ts
/**
 * The SDKs' configuration settings that decide how requests are retried, where they go and how
 * TLS is checked, read as both tools read them: the variable first, else the key in the
 * selected profile (the config file's entry over the credentials file's, as the JS SDK merges
 * them; botocore merges the two files into one profile too). An empty variable counts as unset
 * for the JS SDK (`if (!value)`), so only non-empty values are kept. The values are judged by
 * src/checks/config-variable-invalid.ts, where the tools' measured behaviour is recorded.
 */




/** Each setting's variable and its key in a profile. */
const CONFIG_SETTINGS = [
    { variable: 'AWS_MAX_ATTEMPTS', key: 'max_attempts' },
    { variable: 'AWS_RETRY_MODE', key: 'retry_mode' },
    { variable: 'AWS_STS_REGIONAL_ENDPOINTS', key: 'sts_regional_endpoints' },
    { variable: 'AWS_USE_FIPS_ENDPOINT', key: 'use_fips_endpoint' },
    { variable: 'AWS_USE_DUALSTACK_ENDPOINT', key: 'use_dualstack_endpoint' },
    { variable: 'AWS_EC2_METADATA_DISABLED', key: 'ec2_metadata_disabled' },
    {
        variable: 'AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE',
        key: 'ec2_metadata_service_endpoint_mode'
    },
    { variable: 'AWS_DEFAULTS_MODE', key: 'defaults_mode' },
    { variable: 'AWS_CA_BUNDLE', key: 'ca_bundle' }
];
/** The profile's entry for `key`, the config file's over the credentials file's. */
function fileEntry(files, profile, key) {
    for (const kind of ['config', 'credentials']) {
        const file = files.find(candidate => candidate.kind === kind);
        const entry = file?.parsed?.profiles.get(profile)?.get(key);
        if (file !== undefined && entry !== undefined && entry.value !== '')
            return { entry, file };
    }
    return undefined;
}
function settingOf(env, files, profile, setting) {
    const value = env[setting.variable];
    if (value !== undefined && value !== '')
        return { variable: setting.variable, value, origin: { kind: 'env', name: setting.variable } };
    const found = fileEntry(files, profile, setting.key);
    if (found === undefined)
        return undefined;
    const { entry, file } = found;
    return {
        variable: setting.variable,
        value: entry.value,
        origin: {
            kind: 'file',
            path: file.display,
            line: entry.line,
            key: entry.key,
            section: entry.section
        }
    };
}
/** Settings whose value is a path: what is there (the CA bundle the AWS CLI opens). */
const FILE_SETTINGS = new Set(['AWS_CA_BUNDLE']);
function withFile(setting, readFile) {
    if (!FILE_SETTINGS.has(setting.variable))
        return setting;
    const read = readFile(setting.value);
    return {
        ...setting,
        file: {
            state: read.state,
            ...('detail' in read && read.detail !== undefined ? { detail: read.detail } : {})
        }
    };
}
/** Every configuration setting that is set, for `profile`. */
function configSettingsOf(env, files, profile, readFile) {
    return CONFIG_SETTINGS.map(setting => settingOf(env, files, profile, setting))
        .filter((setting) => setting !== undefined)
        .map(setting => withFile(setting, readFile));
}
/** The token file variable: both tools open it exactly as written (no `~`, no `$NAME`). */
const TOKEN_FILE = 'AWS_WEB_IDENTITY_TOKEN_FILE';
/** Where a path the tools do not open may point instead, in the order people mean them. */
function candidates(value, env, place) {
    const trimmed = value.trim();
    const expanded = expandVariables(trimmed, env);
    const home = expanded.startsWith('~/') ? (0,external_node_path_.join)(place.home, expanded.slice(2)) : expanded;
    return [...new Set([trimmed, expanded, home])].map(path => (0,external_node_path_.resolve)(place.cwd, path));
}
/** Whether a readable file is there, up to the size the shared files may have. */
function found(path, readFile) {
    return readFile(path, files/* MAX_SHARED_FILE_BYTES */.qJ).state === 'read';
}
function meantFile(value, opened, env, place, readFile) {
    const meant = candidates(value, env, place).find(path => !opened.includes(path) && found(path, readFile));
    return meant === undefined ? {} : { meant };
}
function pathSetting(variable, value, path) {
    return {
        variable,
        value,
        origin: { kind: 'env', name: variable },
        file: { state: path.jsSdk.found ? 'read' : 'missing' },
        path
    };
}
/**
 * The file-path variables as both tools open them, where set: the shared files as discovery
 * and the AWS CLI's view read them, the web identity token file as written (measured: neither
 * `readFileSync` in the JS SDK nor botocore's `FileWebIdentityTokenLoader` expands anything;
 * a relative path opens from the working directory). The judge is in
 * src/checks/config-settings.ts.
 */
function pathSettingsOf(env, files, cliFiles, place, readFile) {
    const shared = files.flatMap(loaded => {
        const variable = FILE_ENV[loaded.kind];
        const value = env[variable];
        const cli = cliFiles.find(file => file.kind === loaded.kind);
        if (value === undefined || value === '' || cli?.path === undefined)
            return [];
        const js = { path: loaded.file.path, found: loaded.file.state === 'read' };
        const awsCli = { path: cli.path, found: cli.found };
        const meant = meantFile(value, [js.path, awsCli.path], env, place, readFile);
        return [pathSetting(variable, value, { cwd: place.cwd, jsSdk: js, awsCli, ...meant })];
    });
    const token = env[TOKEN_FILE];
    if (token === undefined || token === '')
        return shared;
    const opened = (0,external_node_path_.isAbsolute)(token) ? token : (0,external_node_path_.resolve)(place.cwd, token);
    const both = { path: opened, found: found(opened, readFile) };
    const meant = meantFile(token, [opened], env, place, readFile);
    return [
        ...shared,
        pathSetting(TOKEN_FILE, token, { cwd: place.cwd, jsSdk: both, awsCli: both, ...meant })
    ];
}

// EXTERNAL MODULE: ./src/discover/container.ts
var discover_container = __webpack_require__(1540);
;// CONCATENATED MODULE: ./src/discover/misnamed.ts
/** The names worth a warning when mistyped: credentials, region, profile and their files. */
const MEANT_NAMES = [
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    'AWS_REGION',
    'AWS_DEFAULT_REGION',
    'AWS_PROFILE',
    'AWS_ROLE_ARN',
    'AWS_WEB_IDENTITY_TOKEN_FILE',
    'AWS_SHARED_CREDENTIALS_FILE',
    'AWS_CONFIG_FILE'
];
/**
 * Names other tools or older SDKs used, and the usual inventions, too far from the real name for
 * a spelling distance to catch. `AWS_ACCESS_KEY` and `AWS_SECRET_KEY` are what the AWS SDK for
 * Java 1.x reads (`SDKGlobalConfiguration`: `ALTERNATE_ACCESS_KEY_ENV_VAR`, `SECRET_KEY_ENV_VAR`).
 */
const OTHER_NAMES = {
    AWS_ACCESS_KEY: 'AWS_ACCESS_KEY_ID',
    AWS_ACCESS_ID: 'AWS_ACCESS_KEY_ID',
    AWS_KEY_ID: 'AWS_ACCESS_KEY_ID',
    AWS_SECRET_KEY: 'AWS_SECRET_ACCESS_KEY',
    AWS_SECRET: 'AWS_SECRET_ACCESS_KEY',
    AWS_SECRET_ACCESS_KEY_ID: 'AWS_SECRET_ACCESS_KEY',
    AWS_ACCESS_SECRET_KEY: 'AWS_SECRET_ACCESS_KEY',
    AWS_ACCESS_KEY_SECRET: 'AWS_SECRET_ACCESS_KEY',
    AWS_SECRET_KEY_ID: 'AWS_SECRET_ACCESS_KEY',
    AWS_SESSION_KEY: 'AWS_SESSION_TOKEN',
    AWS_SESSION: 'AWS_SESSION_TOKEN',
    AWS_TOKEN: 'AWS_SESSION_TOKEN',
    AWS_REGION_NAME: 'AWS_REGION',
    AWS_DEFAULT_REGION_NAME: 'AWS_DEFAULT_REGION',
    AWS_PROFILE_NAME: 'AWS_PROFILE',
    AWS_DEFAULT_PROFILE_NAME: 'AWS_PROFILE'
};
/**
 * Names that some AWS tool does read, and so are never called misnamed, although a few lie
 * within a spelling distance of the names above.
 */
const READ_NAMES = new Set([
    ...MEANT_NAMES,
    'AWS_SECURITY_TOKEN',
    'AWS_DEFAULT_PROFILE',
    'AWS_ROLE_SESSION_NAME',
    'AWS_CREDENTIAL_EXPIRATION',
    'AWS_ACCOUNT_ID',
    'AWS_CA_BUNDLE',
    'AWS_DEFAULT_OUTPUT'
]);
/** Only plain names: a name with other characters is not a near miss of these. */
const PLAIN_NAME = /^[A-Za-z0-9_ ]+$/u;
/** One cell of the distance table: the cheapest edit that brings `a[..i]` to `b[..j]`. */
function editCost(a, b, i, j, rows) {
    const cost = a[i - 1] === b[j - 1] ? 0 : 1;
    const edited = Math.min((rows.previous[j] ?? 0) + 1, (rows.current[j - 1] ?? 0) + 1, (rows.previous[j - 1] ?? 0) + cost);
    const swapped = i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1];
    return swapped ? Math.min(edited, (rows.before[j - 2] ?? 0) + 1) : edited;
}
/** Optimal string alignment distance (adjacent swaps count once), stopped once above `limit`. */
function spellingDistance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit)
        return limit + 1;
    let before = [];
    let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
    for (let i = 1; i <= a.length; i++) {
        const current = [i];
        for (let j = 1; j <= b.length; j++)
            current.push(editCost(a, b, i, j, { before, previous, current }));
        if (Math.min(...current) > limit)
            return limit + 1;
        before = previous;
        previous = current;
    }
    return previous[b.length] ?? limit + 1;
}
/** How far a name may be from the real one and still be taken for it. */
const MAX_DISTANCE = 2;
function closestMeant(upper) {
    let closest;
    let distance = MAX_DISTANCE + 1;
    for (const meant of MEANT_NAMES) {
        const found = spellingDistance(upper, meant, MAX_DISTANCE);
        if (found < distance) {
            closest = meant;
            distance = found;
        }
    }
    return closest;
}
/** Either region variable gives the region. */
const STANDS_IN_FOR = {
    AWS_REGION: ['AWS_REGION', 'AWS_DEFAULT_REGION'],
    AWS_DEFAULT_REGION: ['AWS_REGION', 'AWS_DEFAULT_REGION']
};
function isMeant(name) {
    return MEANT_NAMES.includes(name);
}
/** A real name with a stray space, or in another case. */
function byForm(name, trimmed, upper) {
    if (trimmed !== name)
        return isMeant(trimmed) ? { name, meant: trimmed, kind: 'whitespace' } : undefined;
    return upper !== trimmed && isMeant(upper) ? { name, meant: upper, kind: 'case' } : undefined;
}
/** Another tool's name, or one misspelt. */
function byName(name, upper) {
    const other = OTHER_NAMES[upper];
    if (other !== undefined)
        return { name, meant: other, kind: 'other-name' };
    if (READ_NAMES.has(upper))
        return undefined;
    const meant = closestMeant(upper);
    return meant === undefined ? undefined : { name, meant, kind: 'misspelt' };
}
/** What `name` was probably meant to be, and how it went wrong; undefined for other names. */
function misnamed(name) {
    if (READ_NAMES.has(name) || !PLAIN_NAME.test(name))
        return undefined;
    const trimmed = name.trim();
    const upper = trimmed.toUpperCase();
    if (!upper.startsWith('AWS_'))
        return undefined;
    return byForm(name, trimmed, upper) ?? (trimmed === name ? byName(name, upper) : undefined);
}
/** Every set variable with a misnamed credential, region, profile or file name. */
function misnamedVariables(env) {
    const isSet = (name) => (env[name] ?? '') !== '';
    return Object.keys(env)
        .filter(isSet)
        .flatMap(name => misnamed(name) ?? [])
        .map(guess => ({
        ...guess,
        meantSet: (STANDS_IN_FOR[guess.meant] ?? [guess.meant]).some(isSet)
    }))
        .sort((a, b) => a.name.localeCompare(b.name));
}

// EXTERNAL MODULE: ./src/discover/github.ts
var discover_github = __webpack_require__(4436);
;// CONCATENATED MODULE: ./src/discover/network.ts
const IGNORE_VARIABLE = 'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS';
const IGNORE_KEY = 'ignore_configured_endpoint_urls';
function firstSet(env, names) {
    for (const variable of names) {
        const value = env[variable]?.trim();
        if (value !== undefined && value !== '')
            return { variable, value };
    }
    return undefined;
}
/** The proxy variables, lower-case first as curl and the runner's HTTP client read them. */
function proxySettingsOf(env) {
    const https = firstSet(env, ['https_proxy', 'HTTPS_PROXY']);
    const http = firstSet(env, ['http_proxy', 'HTTP_PROXY']);
    const noProxy = firstSet(env, ['no_proxy', 'NO_PROXY'])?.value;
    return {
        ...(https === undefined ? {} : { https }),
        ...(http === undefined ? {} : { http }),
        ...(noProxy === undefined ? {} : { noProxy })
    };
}
/** The SDK's `booleanSelector`: exactly `true` or `false`; anything else counts as unset. */
function flag(value) {
    if (value === 'true')
        return true;
    if (value === 'false')
        return false;
    return undefined;
}
/** The profile's keys as the SDK's config loader sees them: the config file's win. */
function profileEntries(files, profile) {
    const merged = new Map();
    for (const kind of ['credentials', 'config']) {
        const entries = files.find(file => file.kind === kind)?.parsed?.profiles.get(profile);
        for (const [key, entry] of entries ?? new Map())
            merged.set(key, entry);
    }
    return merged;
}
function fileOverride(entry, variable, config) {
    const url = entry?.value.trim();
    if (entry === undefined || url === undefined || url === '' || config === undefined)
        return undefined;
    return {
        url,
        variable,
        origin: {
            kind: 'file',
            path: config.display,
            line: entry.line,
            key: entry.key,
            section: entry.section
        }
    };
}
/**
 * The config file's override: the `[services]` section the profile names, else the profile's
 * `endpoint_url`. A profile naming a services section that does not exist makes the SDK's
 * loader give up on the file altogether.
 */
function configOverride(service, profile, config) {
    const servicesName = profile.get('services')?.value;
    if (servicesName !== undefined && servicesName !== '') {
        const section = config?.parsed?.services.get(servicesName);
        if (section === undefined)
            return undefined;
        const key = `${service.toLowerCase()}.endpoint_url`;
        const found = fileOverride(section.get(key), key, config);
        if (found !== undefined)
            return found;
    }
    return fileOverride(profile.get('endpoint_url'), 'endpoint_url', config);
}
function endpointOverride(env, service, profile, config) {
    for (const variable of [`AWS_ENDPOINT_URL_${service}`, 'AWS_ENDPOINT_URL']) {
        const url = env[variable]?.trim();
        if (url !== undefined && url !== '')
            return { url, variable, origin: { kind: 'env', name: variable } };
    }
    return configOverride(service, profile, config);
}
/** Endpoint overrides for the services the action calls, and the proxy, for `profile`. */
function networkSettingsOf(env, files, profile) {
    const entries = profileEntries(files, profile);
    const config = files.find(file => file.kind === 'config');
    const proxy = proxySettingsOf(env);
    const ignore = flag(env[IGNORE_VARIABLE]) ?? flag(entries.get(IGNORE_KEY)?.value) ?? false;
    if (ignore)
        return { endpoints: {}, proxy };
    const sts = endpointOverride(env, 'STS', entries, config);
    const iam = endpointOverride(env, 'IAM', entries, config);
    return {
        endpoints: { ...(sts === undefined ? {} : { sts }), ...(iam === undefined ? {} : { iam }) },
        proxy
    };
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/discover/sso-cache.ts
/**
 * The SSO token cache as the JS SDK reads it, judged offline. `getSSOTokenFilepath` in
 * `@smithy/core/config` (shared-ini-file-loader) names the file
 * `~/.aws/sso/cache/<sha1 hex of id>.json`, where the id is the `sso_session` name for a
 * profile with `sso_session` (`@aws-sdk/token-providers` fromSso) and the `sso_start_url` for a
 * legacy profile (`@aws-sdk/credential-provider-sso` resolveSSOCredentials). The tokens in the
 * file are secrets: they are returned for masking and never kept in the status.
 */



/** The keys `validateSsoProfile` requires (after an sso-session's start URL and region are merged in). */
function missingSsoKeys(keys) {
    const missing = [];
    if (keys.ssoSession !== undefined && !keys.sessionDefined)
        missing.push(`[sso-session ${keys.ssoSession}]`);
    const required = [
        ['ssoStartUrl', 'sso_start_url'],
        ['ssoAccountId', 'sso_account_id'],
        ['ssoRegion', 'sso_region'],
        ['ssoRoleName', 'sso_role_name']
    ];
    for (const [field, key] of required) {
        const value = keys[field];
        if (typeof value !== 'string' || value === '')
            missing.push(key);
    }
    return missing;
}
function ssoCachePath(home, id) {
    const name = (0,external_node_crypto_.createHash)('sha1').update(id).digest('hex');
    return (0,external_node_path_.join)(home, '.aws', 'sso', 'cache', `${name}.json`);
}
function stringField(record, key) {
    const value = record[key];
    return typeof value === 'string' && value !== '' ? value : undefined;
}
function parseToken(text) {
    let parsed;
    try {
        parsed = JSON.parse(text);
    }
    catch {
        return undefined;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
        return undefined;
    const record = parsed;
    const token = {};
    const accessToken = stringField(record, 'accessToken');
    const refreshToken = stringField(record, 'refreshToken');
    const expiresAt = stringField(record, 'expiresAt');
    if (accessToken !== undefined)
        token.accessToken = accessToken;
    if (refreshToken !== undefined)
        token.refreshToken = refreshToken;
    if (expiresAt !== undefined)
        token.expiresAt = expiresAt;
    return token;
}
/** What the cache holds for this profile; `readFile` refuses FIFOs and devices before reading. */
function inspectSsoCache(keys, home, readFile, now) {
    const missingKeys = missingSsoKeys(keys);
    const id = keys.ssoSession ?? keys.ssoStartUrl;
    if (id === undefined || missingKeys.length > 0)
        return { status: { state: 'incomplete', missingKeys }, secrets: [] };
    const path = ssoCachePath(home, id);
    const base = { cacheFile: displayPath(path, home), missingKeys };
    const read = readFile(path);
    if (read.state === 'missing')
        return { status: { ...base, state: 'no-token' }, secrets: [] };
    if (read.state !== 'read')
        return {
            status: { ...base, state: 'unreadable', detail: read.detail ?? read.state },
            secrets: []
        };
    const token = parseToken(read.text);
    const secrets = [token?.accessToken, token?.refreshToken].filter((value) => value !== undefined);
    if (token?.accessToken === undefined || token.expiresAt === undefined)
        return { status: { ...base, state: 'invalid' }, secrets };
    const expires = Date.parse(token.expiresAt);
    if (Number.isNaN(expires))
        return { status: { ...base, state: 'invalid' }, secrets };
    const refreshable = token.refreshToken !== undefined;
    const state = expires - now.getTime() <= 0 ? 'expired' : 'valid';
    return {
        status: { ...base, state, expiresAt: new Date(expires).toISOString(), refreshable },
        secrets
    };
}

// EXTERNAL MODULE: ./src/jwt.ts
var src_jwt = __webpack_require__(6962);
;// CONCATENATED MODULE: ./src/discover/web-identity.ts
/**
 * Web identity: `AWS_ROLE_ARN` with `AWS_WEB_IDENTITY_TOKEN_FILE` (or a profile's `role_arn`
 * with `web_identity_token_file`). The token file is judged here, offline: present, readable,
 * a JWT, not expired. The token itself is a secret; only its claims are kept for display.
 */

const WEB_IDENTITY_ENV = {
    roleArn: 'AWS_ROLE_ARN',
    tokenFile: 'AWS_WEB_IDENTITY_TOKEN_FILE',
    sessionName: 'AWS_ROLE_SESSION_NAME'
};
const WEB_IDENTITY_LABEL = `web identity ${WEB_IDENTITY_ENV.tokenFile} / ${WEB_IDENTITY_ENV.roleArn}`;
const MAX_TOKEN_CHARS = 64 * 1024;
/** Compact JWTs inside a text (a file holding `{"value": "<JWT>"}` still holds a secret). */
const JWT_SHAPE = /[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/gu;
function describeAge(milliseconds) {
    const minutes = Math.round(milliseconds / 60000);
    if (minutes < 2)
        return `${Math.max(1, Math.round(milliseconds / 1000))} seconds`;
    if (minutes < 120)
        return `${minutes} minutes`;
    return `${Math.round(minutes / 60)} hours`;
}
/** Why a file that is not a bare JWT is not one: the usual mistakes, named. */
function notJwtDetail(text) {
    const trimmed = text.trim();
    if (/^HTTP\/\d/u.test(trimmed))
        return 'it holds an HTTP response with headers, not the JWT alone';
    if (trimmed.startsWith('{') && /"value"\s*:/u.test(trimmed))
        return 'it holds the JSON answer of the token service ({"value": …}), not the JWT alone';
    if (trimmed.startsWith('{'))
        return 'it holds JSON, not a JWT';
    const parts = trimmed.split('.').length;
    return parts === 3
        ? 'its three dot-separated parts are not base64url-encoded JSON'
        : `it has ${parts} dot-separated part${parts === 1 ? '' : 's'} where a JWT has three`;
}
/**
 * What to mask. Tokens are a few kilobytes; a larger file is masked by the JWTs in it, not as a
 * whole (every mask is searched for in every line the action writes).
 */
function secretsOf(text) {
    return [
        ...(text.length <= MAX_TOKEN_CHARS ? [text.trim()] : []),
        ...(text.match(JWT_SHAPE) ?? []).filter(jwt => jwt.length <= MAX_TOKEN_CHARS).slice(0, 20)
    ].filter(value => value !== '');
}
/** The claims shown for a token: issuer, subject and audiences (`exp` is added by the caller). */
function shownClaims(jwt) {
    const claims = {};
    for (const name of ['iss', 'sub']) {
        const value = (0,src_jwt/* stringClaim */.Ev)(jwt, name);
        if (value !== undefined)
            claims[name] = value;
    }
    const audience = (0,src_jwt/* audiences */.EJ)(jwt);
    if (audience.length > 0)
        claims.aud = audience.join(', ');
    return claims;
}
function inspectTokenFile(path, origin, readFile, now) {
    const base = { path, origin };
    const read = readFile(path);
    if (read.state === 'missing')
        return { status: { ...base, state: 'missing' }, secrets: [] };
    if (read.state !== 'read') {
        return {
            status: {
                ...base,
                state: 'unreadable',
                detail: read.detail === undefined ? read.state : `${read.state}: ${read.detail}`
            },
            secrets: []
        };
    }
    const text = read.text;
    const secrets = secretsOf(text);
    if (text.trim() === '')
        return { status: { ...base, state: 'empty' }, secrets };
    const jwt = (0,src_jwt/* decodeJwt */.iU)(text);
    if (jwt === undefined)
        return { status: { ...base, state: 'not-jwt', detail: notJwtDetail(text) }, secrets };
    const claims = shownClaims(jwt);
    const expires = (0,src_jwt/* dateClaim */.x$)(jwt, 'exp');
    if (expires !== undefined && !Number.isNaN(expires.getTime())) {
        const expiresAt = expires.toISOString();
        claims.exp = expiresAt;
        if (expires.getTime() <= now.getTime()) {
            return {
                status: {
                    ...base,
                    state: 'expired',
                    detail: `it expired ${describeAge(now.getTime() - expires.getTime())} ago`,
                    claims,
                    expiresAt
                },
                secrets
            };
        }
        return { status: { ...base, state: 'valid', claims, expiresAt }, secrets };
    }
    return { status: { ...base, state: 'valid', claims }, secrets };
}
function web_identity_nonEmpty(env, name) {
    const value = env[name];
    return value === undefined || value === '' ? undefined : value;
}
/**
 * The JS SDK's fromTokenFile needs both variables; with one of them it passes on silently,
 * which is worth showing as a skipped source.
 */
function webIdentitySource(env, readFile, now) {
    const roleArn = web_identity_nonEmpty(env, WEB_IDENTITY_ENV.roleArn);
    const tokenFile = web_identity_nonEmpty(env, WEB_IDENTITY_ENV.tokenFile);
    if (roleArn === undefined && tokenFile === undefined)
        return { secrets: [] };
    const sessionName = web_identity_nonEmpty(env, WEB_IDENTITY_ENV.sessionName);
    const details = {
        ...(roleArn === undefined ? {} : { roleArn }),
        ...(tokenFile === undefined ? {} : { tokenFile }),
        ...(sessionName === undefined ? {} : { roleSessionName: sessionName })
    };
    if (roleArn === undefined || tokenFile === undefined) {
        const missing = roleArn === undefined ? WEB_IDENTITY_ENV.roleArn : WEB_IDENTITY_ENV.tokenFile;
        return {
            source: {
                kind: 'web-identity',
                label: WEB_IDENTITY_LABEL,
                details,
                skipped: `${missing} is not set: the SDKs need both ${WEB_IDENTITY_ENV.roleArn} and ${WEB_IDENTITY_ENV.tokenFile}`
            },
            secrets: []
        };
    }
    const inspection = inspectTokenFile(tokenFile, { kind: 'env', name: WEB_IDENTITY_ENV.tokenFile }, readFile, now);
    return {
        source: {
            kind: 'web-identity',
            label: WEB_IDENTITY_LABEL,
            details,
            tokenFile: inspection.status
        },
        secrets: inspection.secrets
    };
}

;// CONCATENATED MODULE: ./src/discover/profiles.ts






/** `mergeConfigFiles(config, credentials)`: per profile, a key in the credentials file wins. */
function mergeProfiles(files) {
    const merged = new Map();
    const ordered = [...files].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'config' ? -1 : 1));
    for (const file of ordered) {
        for (const [name, entries] of file.parsed?.profiles ?? new Map()) {
            const profile = merged.get(name) ?? new Map();
            for (const [key, entry] of entries)
                profile.set(key, { entry, file });
            merged.set(name, profile);
        }
    }
    return merged;
}
function originOf(value) {
    return {
        kind: 'file',
        path: value.file.display,
        line: value.entry.line,
        key: value.entry.key,
        section: value.entry.section
    };
}
function raw(profile, key) {
    const value = profile.get(key);
    return value === undefined ? undefined : { raw: value.entry.value, origin: originOf(value) };
}
function profiles_text(profile, key) {
    return profile.get(key)?.entry.value;
}
function has(profile, key) {
    return profile.has(key);
}
const profiles_SSO_KEYS = ['sso_start_url', 'sso_account_id', 'sso_session', 'sso_region', 'sso_role_name'];
function isStatic(profile) {
    return has(profile, 'aws_access_key_id') && has(profile, 'aws_secret_access_key');
}
function isAssumeRole(profile) {
    return (has(profile, 'role_arn') && has(profile, 'source_profile') !== has(profile, 'credential_source'));
}
function isWebIdentity(profile) {
    return has(profile, 'web_identity_token_file') && has(profile, 'role_arn');
}
function fileKind(file) {
    return file.kind === 'credentials' ? 'shared-credentials-file' : 'config-file';
}
/** The file a profile is mostly written in, for its label. */
function homeOf(profile, decidingKey) {
    const deciding = decidingKey === undefined ? undefined : profile.get(decidingKey);
    return deciding?.file ?? [...profile.values()][0]?.file;
}
function labelOf(name, file, role) {
    const where = file === undefined ? '' : ` in ${file.display}`;
    return `profile "${name}"${where}${role === undefined ? '' : ` (${role})`}`;
}
function credentialsOf(profile) {
    const credentials = compact({
        accessKeyId: raw(profile, 'aws_access_key_id'),
        secretAccessKey: raw(profile, 'aws_secret_access_key'),
        sessionToken: raw(profile, 'aws_session_token'),
        legacySessionToken: raw(profile, 'aws_security_token')
    });
    return Object.keys(credentials).length === 0 ? undefined : credentials;
}
/** `credential_process` with its arguments withheld: they may carry tokens. */
function describeProcess(command) {
    const words = command.match(/"[^"]*"|'[^']*'|\S+/gu) ?? [];
    const program = (words[0] ?? '').replace(/^["']|["']$/gu, '');
    const count = words.length - 1;
    return count === 0
        ? (0,markdown/* code */.aY)(program)
        : `${(0,markdown/* code */.aY)(program)} with ${count} argument${count === 1 ? '' : 's'} (not shown)`;
}
function detailsOf(profile, keys) {
    const details = {};
    for (const [key, name] of Object.entries(keys)) {
        const value = profiles_text(profile, key);
        if (value !== undefined)
            details[name] = value;
    }
    return details;
}
function webIdentityOf(name, profile, context, role) {
    const tokenValue = profile.get('web_identity_token_file');
    const path = tokenValue?.entry.value ?? '';
    const inspection = inspectTokenFile(path, tokenValue === undefined
        ? { kind: 'default', name: 'web_identity_token_file' }
        : originOf(tokenValue), context.readFile, context.now);
    return {
        source: {
            kind: 'web-identity',
            label: labelOf(name, homeOf(profile, 'web_identity_token_file'), role),
            profile: name,
            details: {
                ...detailsOf(profile, { role_arn: 'roleArn', role_session_name: 'roleSessionName' }),
                tokenFile: path
            },
            tokenFile: inspection.status
        },
        secrets: inspection.secrets
    };
}
function ssoDetails(profile, context) {
    const details = detailsOf(profile, {
        sso_session: 'ssoSession',
        sso_start_url: 'ssoStartUrl',
        sso_region: 'ssoRegion',
        sso_account_id: 'ssoAccountId',
        sso_role_name: 'ssoRoleName'
    });
    const sessionName = profiles_text(profile, 'sso_session');
    if (sessionName !== undefined) {
        const session = context.ssoSessions.get(sessionName);
        if (session === undefined) {
            details.ssoSession = `${sessionName} (no [sso-session ${sessionName}] section in the config file)`;
        }
        else {
            const startUrl = session.get('sso_start_url')?.value;
            const region = session.get('sso_region')?.value;
            if (startUrl !== undefined)
                details.ssoStartUrl = startUrl;
            if (region !== undefined)
                details.ssoRegion = region;
        }
    }
    details.note = 'SSO needs a cached login (`aws sso login`), which CI runners rarely have';
    return details;
}
/** The keys fromSSO reads, with an `[sso-session X]` section's start URL and region merged in. */
function ssoKeysOf(profile, context) {
    const sessionName = profiles_text(profile, 'sso_session');
    const session = sessionName === undefined ? undefined : context.ssoSessions.get(sessionName);
    const startUrl = session?.get('sso_start_url')?.value ?? profiles_text(profile, 'sso_start_url');
    const region = session?.get('sso_region')?.value ?? profiles_text(profile, 'sso_region');
    const keys = { sessionDefined: session !== undefined };
    if (sessionName !== undefined)
        keys.ssoSession = sessionName;
    if (startUrl !== undefined)
        keys.ssoStartUrl = startUrl;
    if (region !== undefined)
        keys.ssoRegion = region;
    const accountId = profiles_text(profile, 'sso_account_id');
    const roleName = profiles_text(profile, 'sso_role_name');
    if (accountId !== undefined)
        keys.ssoAccountId = accountId;
    if (roleName !== undefined)
        keys.ssoRoleName = roleName;
    return keys;
}
/**
 * What a profile provides on its own, in the JS SDK's order after the role check: static keys,
 * web identity, a process, SSO, a login session; or nothing (a skipped source).
 */
function describeOwn(name, profile, context, role) {
    const base = { profile: name };
    if (isStatic(profile)) {
        const file = homeOf(profile, 'aws_access_key_id');
        return {
            source: {
                ...base,
                kind: file === undefined ? 'shared-credentials-file' : fileKind(file),
                label: labelOf(name, file, role),
                credentials: credentialsOf(profile) ?? {},
                details: {}
            },
            secrets: []
        };
    }
    if (isWebIdentity(profile))
        return webIdentityOf(name, profile, context, role);
    const process = profiles_text(profile, 'credential_process');
    if (process !== undefined) {
        return {
            source: {
                ...base,
                kind: 'process',
                label: labelOf(name, homeOf(profile, 'credential_process'), role),
                details: { process: describeProcess(process) }
            },
            secrets: []
        };
    }
    if (profiles_SSO_KEYS.some(key => has(profile, key))) {
        const cache = inspectSsoCache(ssoKeysOf(profile, context), context.home, context.readFile, context.now);
        return {
            source: {
                ...base,
                kind: 'sso',
                label: labelOf(name, homeOf(profile, profiles_SSO_KEYS.find(key => has(profile, key))), role),
                details: ssoDetails(profile, context),
                ssoToken: cache.status
            },
            secrets: cache.secrets
        };
    }
    if (has(profile, 'login_session')) {
        const file = homeOf(profile, 'login_session');
        return {
            source: {
                ...base,
                kind: file === undefined ? 'config-file' : fileKind(file),
                label: labelOf(name, file, role),
                details: { loginSession: profiles_text(profile, 'login_session') ?? '' }
            },
            secrets: []
        };
    }
    const file = homeOf(profile);
    const credentials = credentialsOf(profile);
    const keys = [...profile.keys()].filter(key => !key.includes('.'));
    return {
        source: {
            ...base,
            kind: file === undefined ? 'shared-credentials-file' : fileKind(file),
            label: labelOf(name, file, role),
            ...(credentials === undefined ? {} : { credentials }),
            details: {},
            skipped: credentials === undefined
                ? `the profile holds no credentials${keys.length === 0 ? '' : ` (only ${keys.slice(0, 5).join(', ')})`}`
                : 'the profile holds only half of a key pair'
        },
        secrets: []
    };
}
const profiles_CREDENTIAL_SOURCES = {
    Environment: 'the key variables AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY',
    Ec2InstanceMetadata: 'the EC2 instance role (IMDS)',
    EcsContainer: 'the container credentials endpoint'
};
function profiles_nonEmpty(env, name) {
    return (env[name] ?? '') !== '';
}
/**
 * Why a known `credential_source` has nothing to read in this environment, in the JS SDK's
 * terms: `EcsContainer` runs fromHttp and fromContainerMetadata, which both need a non-empty
 * container credentials variable; `Environment` runs fromEnv, which needs both key variables
 * non-empty (@aws-sdk/credential-provider-ini `resolveCredentialSource`). Their refusal lets the
 * SDK's chain go on to its next provider, which on a self-hosted EC2 runner is the instance
 * role (measured in __tests__/differential/role-profiles.test.ts).
 */
function emptyCredentialSource(value, env) {
    if (value === 'EcsContainer' &&
        !profiles_nonEmpty(env, discover_container/* CONTAINER_ENV */.mq.relativeUri) &&
        !profiles_nonEmpty(env, discover_container/* CONTAINER_ENV */.mq.fullUri))
        return `its credential_source EcsContainer has nothing to read: neither ${discover_container/* CONTAINER_ENV */.mq.relativeUri} nor ${discover_container/* CONTAINER_ENV */.mq.fullUri} is set`;
    if (value === 'Environment' &&
        !(profiles_nonEmpty(env, ENV.accessKeyId) && profiles_nonEmpty(env, ENV.secretAccessKey)))
        return `its credential_source Environment has nothing to read: ${ENV.accessKeyId} and ${ENV.secretAccessKey} are not both set`;
    return undefined;
}
/** A source profile that itself assumes a role from a further source profile. */
function chainsOn(next) {
    // Within a chain the JS SDK takes static keys first, before any role of the source profile.
    return (!isStatic(next) &&
        has(next, 'role_arn') &&
        has(next, 'source_profile') &&
        !has(next, 'credential_source'));
}
/**
 * Follows `source_profile` from `name` to the profile whose own credentials start the chain,
 * recording each step in `walk`; the reason the chain cannot work, where it cannot.
 */
function walkSourceProfiles(name, profile, label, context, walk) {
    let reference = profile.get('source_profile');
    let from = name;
    // The JS SDK marks a profile visited when it follows a reference to it, not the profile it
    // starts from: `source_profile` naming the profile itself is followed once, and its own static
    // keys then assume its role (measured; both tools accept it).
    const visited = [];
    while (reference !== undefined) {
        const current = reference.entry.value;
        if (visited.includes(current))
            return loopReason(name, [...visited, current]);
        visited.push(current);
        const next = context.merged.get(current);
        if (next === undefined) {
            walk.missing.push({ name: current, origin: originOf(reference), referencedBy: from });
            return `its source_profile "${current}" does not exist`;
        }
        const role = `source_profile of "${from}"`;
        if (!chainsOn(next))
            return chainEnd(current, next, { role, label, context, walk, reference });
        walk.chain.push({
            kind: fileKind(homeOf(next, 'role_arn') ?? reference.file),
            label: labelOf(current, homeOf(next, 'role_arn'), role),
            profile: current,
            details: detailsOf(next, { role_arn: 'roleArn', source_profile: 'sourceProfile' }),
            ...(next.has('mfa_serial') ? { mfaSerial: raw(next, 'mfa_serial') } : {}),
            partOf: label
        });
        walk.steps.push(`with credentials of "${current}", which assumes ${profiles_text(next, 'role_arn') ?? 'a role'}`);
        from = current;
        reference = next.get('source_profile');
    }
    return undefined;
}
/** A `source_profile` chain that comes back to a profile it has followed, in the JS SDK's words. */
function loopReason(name, followed) {
    const visited = followed.slice(0, -1).join(', ');
    return `its source_profile chain loops: ${[name, ...followed.slice(0, -1)].join(' → ')} (the JS SDK: "Detected a cycle attempting to resolve credentials for profile ${name}. Profiles visited: ${visited}")`;
}
/** The last profile of a chain: a `credential_source`, or credentials of its own. */
function chainEnd(current, next, at) {
    const { role, label, context, walk, reference } = at;
    if (!isStatic(next) && has(next, 'credential_source')) {
        const value = profiles_text(next, 'credential_source') ?? '';
        walk.chain.push({
            kind: fileKind(homeOf(next, 'credential_source') ?? reference.file),
            label: labelOf(current, homeOf(next, 'credential_source'), role),
            profile: current,
            details: {
                credentialSource: `${value}: ${profiles_CREDENTIAL_SOURCES[value] ?? 'not a known source'}`
            },
            partOf: label
        });
        walk.steps.push(`with credentials of "${current}" (${profiles_CREDENTIAL_SOURCES[value] ?? value})`);
        const empty = walk.mfa ? undefined : emptyCredentialSource(value, context.env);
        return empty === undefined
            ? undefined
            : `its source_profile "${current}": ${empty.replace(/^its /u, '')}`;
    }
    const own = describeOwn(current, next, context, role);
    walk.secrets.push(...own.secrets);
    walk.chain.push({ ...own.source, partOf: label });
    if (own.source.skipped !== undefined)
        return `its source_profile "${current}": ${own.source.skipped.replace(/^the profile /u, '')}`;
    walk.steps.push(`with credentials of "${current}" (${own.source.kind} in ${labelOf(current, homeOf(next)).replace(/^profile "[^"]*" in /u, '')})`);
    return undefined;
}
/**
 * The profile's own `credential_source`, noted in its details and steps; why the SDK refuses
 * it, where it names no source the SDK knows, or why it passes it over, where the source has
 * nothing to read in `env` (not given where the profile's MFA check stops the SDK first).
 */
function credentialSourceOf(profile, details, steps, env) {
    const credentialSource = profiles_text(profile, 'credential_source');
    if (credentialSource === undefined)
        return undefined;
    const meaning = profiles_CREDENTIAL_SOURCES[credentialSource];
    details.credentialSource =
        meaning === undefined ? credentialSource : `${credentialSource}: ${meaning}`;
    if (meaning === undefined)
        return `credential_source "${credentialSource}" is not one of Environment, Ec2InstanceMetadata, EcsContainer`;
    steps.push(`with ${meaning}`);
    return env === undefined ? undefined : emptyCredentialSource(credentialSource, env);
}
/** A profile that assumes a role, with the chain of profiles whose credentials it starts from. */
function describeAssumeRole(name, profile, context) {
    const roleFile = homeOf(profile, 'role_arn');
    const label = labelOf(name, roleFile);
    const details = detailsOf(profile, {
        role_arn: 'roleArn',
        source_profile: 'sourceProfile',
        role_session_name: 'roleSessionName',
        duration_seconds: 'durationSeconds'
    });
    if (has(profile, 'external_id'))
        details.externalId = 'set (not shown)';
    const mfa = profiles_text(profile, 'mfa_serial');
    const mfaSerial = raw(profile, 'mfa_serial');
    if (mfa !== undefined)
        details.mfaSerial = `${mfa}: the SDK needs an MFA code for this role, which a CI job cannot type`;
    const walk = {
        chain: [],
        missing: [],
        secrets: [],
        steps: [`"${name}" assumes ${details.roleArn ?? 'a role'}`],
        mfa: mfa !== undefined
    };
    const { chain, missing, secrets, steps } = walk;
    const skipped = credentialSourceOf(profile, details, steps, mfa === undefined ? context.env : undefined) ??
        walkSourceProfiles(name, profile, label, context, walk);
    details.chain = steps.join(', ');
    return {
        described: {
            source: {
                kind: roleFile === undefined ? 'config-file' : fileKind(roleFile),
                label,
                profile: name,
                details,
                ...(mfaSerial === undefined ? {} : { mfaSerial }),
                ...(skipped === undefined ? {} : { skipped })
            },
            secrets
        },
        chain,
        missing
    };
}
/**
 * The sources a profile contributes: itself (kind by what it holds) and the profiles of its
 * role chain. A profile named explicitly that neither file defines is reported as missing.
 */
function resolveProfileSources(name, nameOrigin, explicit, files, readFile, now, home, env) {
    const merged = mergeProfiles(files);
    const ssoSessions = files.find(file => file.kind === 'config')?.parsed?.ssoSessions ?? new Map();
    const context = { merged, ssoSessions, readFile, now, home, env };
    const profile = merged.get(name);
    if (profile === undefined) {
        return {
            sources: [],
            missing: explicit ? [{ name, origin: nameOrigin }] : [],
            secrets: []
        };
    }
    const regionValue = profile.get('region');
    const region = regionValue === undefined || regionValue.entry.value.trim() === ''
        ? undefined
        : { value: regionValue.entry.value.trim(), origin: originOf(regionValue) };
    const withRegion = region === undefined ? {} : { region };
    if (isAssumeRole(profile)) {
        const { described, chain, missing } = describeAssumeRole(name, profile, context);
        return {
            sources: [described.source, ...chain],
            missing,
            secrets: described.secrets,
            ...withRegion
        };
    }
    const own = describeOwn(name, profile, context);
    return { sources: [own.source], missing: [], secrets: own.secrets, ...withRegion };
}

;// CONCATENATED MODULE: ./src/discover/index.ts
/**
 * Discovery: from the runner's environment (given as a parameter) and the files it points to,
 * an immutable description of every configured credential source, in the order the AWS SDK
 * for JavaScript v3 tries them, and which one wins:
 *
 *   inputs → key variables (skipped when a profile is named) → the profile (config and
 *   credentials files) → web identity variables → container endpoint, else instance metadata.
 *
 * Nothing is sent anywhere: remote sources are noted, never probed.
 */

















const defaultDependencies = {
    readFile: files/* readFileFromDisk */.Q4,
    readText: path => (0,files/* textOf */.b6)((0,files/* readFileFromDisk */.Q4)(path)),
    homedir: external_node_os_.homedir,
    now: () => new Date(),
    cwd: () => process.cwd()
};
/**
 * The workflow reader, loaded only where the workspace holds workflow files
 * (`.github/workflows/`, which `actions/checkout` brings): elsewhere there is nothing to read.
 */
async function loadWorkflowReader(env, exists = external_node_fs_.existsSync) {
    const workspace = discover_nonEmpty(env, 'GITHUB_WORKSPACE');
    if (workspace === undefined || !exists((0,external_node_path_.join)(workspace, '.github', 'workflows')))
        return undefined;
    const { discoverWorkflow } = await Promise.all(/* import() */[__webpack_require__.e(815), __webpack_require__.e(406)]).then(__webpack_require__.bind(__webpack_require__, 2406));
    return discoverWorkflow;
}
/** Fills in what the caller did not give; a `readFile` alone also answers `readText`. */
function withDefaults(overrides) {
    const readFile = overrides.readFile ?? defaultDependencies.readFile;
    return {
        ...defaultDependencies,
        readText: path => (0,files/* textOf */.b6)(readFile(path)),
        ...overrides,
        readFile
    };
}
function discover_nonEmpty(env, name) {
    const value = env[name];
    return value === undefined || value === '' ? undefined : value;
}
function named(env, settings) {
    if (settings.profile !== undefined)
        return {
            name: settings.profile,
            origin: { kind: 'input', name: src_settings/* INPUT */.bO.profile },
            explicit: true
        };
    for (const name of [ENV.profile, ENV.defaultProfile]) {
        const value = discover_nonEmpty(env, name);
        if (value !== undefined)
            return { name: value, origin: { kind: 'env', name }, explicit: true };
    }
    return { name: 'default', origin: { kind: 'default', name: 'default profile' }, explicit: false };
}
/**
 * The profile to examine: the `profile` input, then `AWS_PROFILE`, then `AWS_DEFAULT_PROFILE`
 * (which the AWS CLI reads and the JS SDK does not), then `default`. The one statement of the
 * rule that a named profile shadows the key variables: the JS SDK skips them once the input or
 * `AWS_PROFILE` names one, not for `AWS_DEFAULT_PROFILE`.
 */
function resolveProfile(settings, env) {
    const profile = named(env, settings);
    const variables = {
        ...(env[ENV.profile] === undefined ? {} : { AWS_PROFILE: env[ENV.profile] }),
        ...(env[ENV.defaultProfile] === undefined
            ? {}
            : { AWS_DEFAULT_PROFILE: env[ENV.defaultProfile] })
    };
    const skipsKeyVariables = profile.origin.kind === 'input' ||
        (profile.origin.kind === 'env' && profile.origin.name === ENV.profile);
    return { ...profile, skipsKeyVariables, variables };
}
function resolveRegion(settings, env, profileRegion) {
    if (settings.region !== undefined)
        return { value: settings.region, origin: { kind: 'input', name: src_settings/* INPUT */.bO.region } };
    // Raw, as the SDK reads it: a stray space or newline makes the SDK refuse the region
    // (`region-invalid`), so it must not be trimmed away here.
    for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION']) {
        const value = discover_nonEmpty(env, name);
        if (value !== undefined)
            return { value, origin: { kind: 'env', name } };
    }
    return profileRegion ?? { value: 'us-east-1', origin: { kind: 'default', name: 'us-east-1' } };
}
/**
 * Which source the SDK would use. Inputs always win (the action checks what it was given).
 * The JS SDK skips the key variables when a profile is named (see `resolveProfile`), and
 * passes over every skipped source.
 */
function selectSource(sources, profileSkipsEnvironment) {
    return sources.find(source => source.skipped === undefined &&
        source.partOf === undefined &&
        !(source.kind === 'environment' && profileSkipsEnvironment));
}
/** A key ID that is not shaped like one may be a secret pasted in the wrong place. */
function mayBeSecret(keyId) {
    return !/^[A-Z0-9]{16,24}$/u.test(keyId.trim());
}
/**
 * The secret-shaped parts of a key ID that is not one (a whole pair joined into it): masked on
 * their own too, since a tool that splits the value could print the secret half alone.
 */
function secretShapedRuns(keyId) {
    return keyId
        .split(/(?:AKIA|ASIA)[A-Z0-9]{16}/u)
        .map(part => part.replace(/^[\s:;|=,"'`]+|[\s:;|=,"'`]+$/gu, ''))
        .filter(part => part.length >= 16);
}
/** A key ID that may be a secret (or hold one), masked whole and by its secret half. */
function keyIdSecrets(keyId) {
    return keyId !== undefined && mayBeSecret(keyId) ? [keyId, ...secretShapedRuns(keyId)] : [];
}
/** Secret values held by the sources: secrets, session tokens, and misplaced secrets. */
function discover_secretsOf(sources) {
    return sources.flatMap(source => {
        const credentials = source.credentials;
        const keyId = credentials?.accessKeyId?.raw;
        return [
            credentials?.secretAccessKey?.raw,
            credentials?.sessionToken?.raw,
            credentials?.legacySessionToken?.raw,
            ...keyIdSecrets(keyId)
        ].filter((value) => value !== undefined && value !== '');
    });
}
/**
 * Profile and region names that are key material pasted in the wrong place (a secret in
 * `AWS_PROFILE`): masked like any secret, so the report says `Profile "***"` and never prints
 * the value.
 */
function misplacedSecrets(settings, env) {
    return [
        settings.profile,
        env[ENV.profile],
        env[ENV.defaultProfile],
        settings.region,
        env.AWS_REGION,
        env.AWS_DEFAULT_REGION
    ].filter((name) => name !== undefined && looksLikeKeyMaterial(name));
}
/**
 * The value of a misnamed variable, where it is a secret: one meant as the secret or the
 * session token, or any value that looks like key material.
 */
function misnamedSecret(variable, env) {
    // Only set, non-empty variables are misnamed ones.
    const value = env[variable.name] ?? '';
    const secretName = variable.meant === 'AWS_SECRET_ACCESS_KEY' || variable.meant === 'AWS_SESSION_TOKEN';
    return secretName || looksLikeKeyMaterial(value) ? [value] : [];
}
/** The account in the selected key ID, judged on the value without quotes or stray characters. */
function offlineAccountOf(selected) {
    const keyId = selected?.credentials?.accessKeyId?.raw;
    if (keyId === undefined)
        return undefined;
    // The same repair the format checks judge by: invisible characters and quotes removed.
    const repaired = keyId.replace(/[^\x21-\x7e]/gu, '').replace(/^["'`]+|["'`]+$/gu, '');
    return accountIdFromAccessKeyId(repaired);
}
/** The OIDC token request, where the runner granted one (`id-token: write`). */
function oidcTokenRequestOf(env) {
    const url = discover_nonEmpty(env, 'ACTIONS_ID_TOKEN_REQUEST_URL');
    const token = discover_nonEmpty(env, 'ACTIONS_ID_TOKEN_REQUEST_TOKEN');
    return url === undefined || token === undefined ? undefined : { url, token };
}
function discover(settings, env, overrides = {}) {
    const dependencies = withDefaults(overrides);
    const now = dependencies.now();
    const profile = resolveProfile(settings, env);
    const home = homeDirectory(env, dependencies.homedir);
    const place = {
        home,
        cwd: dependencies.cwd(),
        userHome: dependencies.userHome ?? passwdHomes(dependencies.readFile)
    };
    const files = [
        loadSharedFile(env, 'credentials', place, dependencies.readFile),
        loadSharedFile(env, 'config', place, dependencies.readFile)
    ];
    const profiled = resolveProfileSources(profile.name, profile.origin, profile.explicit, files, dependencies.readFile, now, home, env);
    const webIdentity = webIdentitySource(env, dependencies.readFile, now);
    const container = (0,discover_container/* containerSource */.HP)(env);
    const remote = container.source ?? (0,discover_container/* instanceMetadataSource */.Kt)(env);
    const sources = [
        inputSource(settings),
        environmentSource(env),
        ...profiled.sources,
        webIdentity.source,
        remote
    ].filter((source) => source !== undefined);
    // Later steps of the job see no inputs: the JS SDK there reads `AWS_PROFILE` (else `default`),
    // which may not be the profile this action examines (`profile` input, `AWS_DEFAULT_PROFILE`).
    const jsProfile = discover_nonEmpty(env, ENV.profile) ?? 'default';
    const jsProfiled = jsProfile === profile.name
        ? profiled
        : resolveProfileSources(jsProfile, { kind: 'env', name: ENV.profile }, discover_nonEmpty(env, ENV.profile) !== undefined, files, dependencies.readFile, now, home, env);
    const jsSources = [
        environmentSource(env),
        ...jsProfiled.sources,
        webIdentity.source,
        remote
    ].filter((source) => source !== undefined);
    const tools = {
        jsSdk: jsSdkUse(env, jsSources, jsProfiled.sources),
        awsCli: awsCliUse(env, place, dependencies.readFile)
    };
    const selected = selectSource(sources, profile.skipsKeyVariables);
    const offlineAccountId = offlineAccountOf(selected);
    const oidcTokenRequest = oidcTokenRequestOf(env);
    const misnamed = misnamedVariables(env);
    const configSettings = [
        ...configSettingsOf(env, files, profile.name, dependencies.readFile),
        ...pathSettingsOf(env, files, tools.awsCli.files ?? [], place, dependencies.readFile)
    ];
    const secrets = new Set([
        ...discover_secretsOf(sources),
        ...files.flatMap(file => file.parsed?.secrets ?? []),
        ...profiled.secrets,
        ...discover_secretsOf(jsProfiled.sources),
        ...jsProfiled.secrets,
        ...webIdentity.secrets,
        ...container.secrets,
        ...(oidcTokenRequest === undefined ? [] : [oidcTokenRequest.token]),
        ...misplacedSecrets(settings, env),
        ...misnamed.flatMap(variable => misnamedSecret(variable, env)),
        // A secret pasted into a setting's place is masked like the region's (see misplacedSecrets);
        // a path (the CA bundle) is not a secret.
        ...configSettings
            .filter(setting => setting.file === undefined)
            .map(setting => setting.value)
            .filter(looksLikeKeyMaterial)
    ]);
    const github = (0,discover_github/* discoverGitHub */.l)(env, dependencies.readText);
    return {
        misnamedVariables: misnamed,
        configSettings,
        sources,
        secrets: [...secrets].filter(secret => secret !== ''),
        ...(selected === undefined ? {} : { selected }),
        ...(offlineAccountId === undefined ? {} : { offlineAccountId }),
        region: resolveRegion(settings, env, profiled.region),
        profile: {
            name: profile.name,
            origin: profile.origin,
            skipsKeyVariables: profile.skipsKeyVariables,
            variables: profile.variables
        },
        github,
        network: networkSettingsOf(env, files, profile.name),
        ...ssoCacheStatus(home),
        instanceMetadata: (0,discover_container/* instanceMetadataStatus */.rd)(env),
        ...(container.endpoint === undefined ? {} : { containerEndpoint: container.endpoint }),
        ...(oidcTokenRequest === undefined ? {} : { oidcTokenRequest }),
        workflow: dependencies.readWorkflow?.(github, dependencies.readText),
        shared: {
            files: files.map(file => file.file),
            missingProfiles: profiled.missing
        },
        tools
    };
}
function ssoCacheStatus(home) {
    const special = (0,files/* specialFileIn */.T1)((0,external_node_path_.join)(home, '.aws', 'sso', 'cache'));
    return special === undefined ? {} : { ssoCacheSpecialFile: special };
}

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 3 modules
var core = __webpack_require__(235);
// EXTERNAL MODULE: ./node_modules/@actions/core/lib/summary.js
var summary = __webpack_require__(1170);
// EXTERNAL MODULE: ./src/report/quoting.ts
var quoting = __webpack_require__(6721);
;// CONCATENATED MODULE: ./src/report/fixes.ts



const PART_VARIABLES = {
    accessKeyId: 'AWS_ACCESS_KEY_ID',
    secretAccessKey: 'AWS_SECRET_ACCESS_KEY',
    sessionToken: 'AWS_SESSION_TOKEN'
};
/** `AWS_SECRET_ACCESS_KEY` (`.github/workflows/ci.yml` line 14, from secret `PROD_AWS_SECRET`). */
function describeValue(value, options = {}) {
    const name = value.origin.kind === 'file' ? value.origin.key : value.origin.name;
    const where = value.origin.kind === 'input' ? `input ${(0,markdown/* code */.aY)(name)}` : (0,markdown/* code */.aY)(name);
    const reference = value.reference;
    if (reference === undefined)
        return where;
    const at = options.file === false
        ? `line ${reference.line}`
        : `${(0,markdown/* code */.aY)(reference.file)} line ${reference.line}`;
    if (reference.secret !== undefined) {
        if (options.secret === false)
            return `${where} (${at})`;
        return `${where} (${at}, from secret ${(0,markdown/* code */.aY)(reference.secret)})`;
    }
    if (reference.variable !== undefined)
        return `${where} (${at}, from configuration variable ${(0,markdown/* code */.aY)(reference.variable)})`;
    if (reference.literal)
        return `${where} (${at}, written into the workflow file itself)`;
    return `${where} (${at})`;
}
function repoFlag(context) {
    return context.repository === undefined ? '' : ` --repo ${(0,quoting/* shellArg */.JP)(context.repository)}`;
}
function settingsUrl(context, page) {
    return context.repository === undefined
        ? undefined
        : `${context.server}/${context.repository}/settings/${page}`;
}
/** The command and the settings page that set what a workflow line reads. */
function setSteps(value, context, why, app) {
    const reference = value.reference;
    if (reference?.secret !== undefined) {
        const scope = app === 'dependabot'
            ? ' --app dependabot'
            : reference.environment === undefined
                ? ''
                : ` --env ${(0,quoting/* shellArg */.JP)(reference.environment)}`;
        const page = app === 'dependabot'
            ? settingsUrl(context, 'secrets/dependabot')
            : reference.environment === undefined
                ? settingsUrl(context, 'secrets/actions')
                : settingsUrl(context, 'environments');
        const where = app === 'dependabot'
            ? 'Settings → Secrets and variables → Dependabot'
            : reference.environment === undefined
                ? 'Settings → Secrets and variables → Actions'
                : `Settings → Environments → ${(0,markdown/* code */.aY)(reference.environment)} → Environment secrets`;
        // A reason that names the secret already (the value comes from it) need not name it again.
        const named = app !== 'dependabot' &&
            reference.environment === undefined &&
            why.includes((0,markdown/* code */.aY)(reference.secret));
        return [
            {
                text: `${why} Update ${named ? 'that secret' : `${app === 'dependabot' ? 'the Dependabot secret' : 'secret'} ${(0,markdown/* code */.aY)(reference.secret)}${reference.environment === undefined || app === 'dependabot' ? '' : ` of environment ${(0,markdown/* code */.aY)(reference.environment)}`}`}; \`gh\` asks for the value, which keeps it out of your shell history. Paste it exactly as IAM showed it: no quotes, spaces or line break.`,
                command: `gh secret set ${(0,quoting/* shellArg */.JP)(reference.secret)}${scope}${repoFlag(context)}`
            },
            {
                text: `Or in the browser: ${where} → ${(0,markdown/* code */.aY)(reference.secret)}${page === undefined ? '' : ` (${page})`}.`
            }
        ];
    }
    if (reference?.variable !== undefined) {
        return [
            {
                text: `${why} It comes from configuration variable ${(0,markdown/* code */.aY)(reference.variable)}, which is not secret: keep the secret access key in a secret instead. Set the variable:`,
                command: `gh variable set ${(0,quoting/* shellArg */.JP)(reference.variable)}${repoFlag(context)}`
            }
        ];
    }
    if (reference?.literal === true) {
        const name = PART_VARIABLES[value.part];
        return [
            {
                text: `${why} The value is written into ${(0,markdown/* code */.aY)(reference.file)} line ${reference.line} itself. Move it into a secret and read it with ${(0,markdown/* code */.aY)(`\${{ secrets.${name} }}`)}:`,
                command: `gh secret set ${(0,quoting/* shellArg */.JP)(name)}${repoFlag(context)}`
            }
        ];
    }
    if (reference === undefined && value.origin.kind === 'env') {
        return [
            {
                text: `${why} ${(0,markdown/* code */.aY)(value.origin.name)} is not set in this job's workflow file: an earlier step exported it (through \`$GITHUB_ENV\`) or the runner's environment holds it. Fix it where it is set.`
            }
        ];
    }
    return [{ text: why }];
}
function userName(identity) {
    const match = /:user\/(?:.*\/)?([^/]+)$/u.exec(identity?.arn ?? '');
    return match?.[1];
}
/** The IAM user as a shell word for a command, or a placeholder where it is not known. */
function userArg(context) {
    const user = userName(context.report.remote.identity);
    return user === undefined ? '<user>' : (0,quoting/* shellArg */.JP)(user);
}
function roleName(identity) {
    const match = /:assumed-role\/([^/]+)\//u.exec(identity?.arn ?? '');
    return match?.[1];
}
/** Step one of every rotation: a new key for the IAM user, in the console or the CLI. */
function createKeyStep(context) {
    const user = userName(context.report.remote.identity);
    if (user === undefined)
        return {
            text: 'Create a new access key for the IAM user: IAM console → Users → `<user>` → Security credentials → Create access key, or:',
            command: 'aws iam create-access-key --user-name <user>'
        };
    return {
        // The user is named once; the console path and its link point at it.
        text: `Create a new access key for the IAM user ${(0,markdown/* code */.aY)(user)}: IAM console → Users → that user → Security credentials → Create access key (https://console.aws.amazon.com/iam/home#/users/details/${encodeURIComponent(user)}?section=security_credentials), or:`,
        command: `aws iam create-access-key --user-name ${(0,quoting/* shellArg */.JP)(user)}`
    };
}
const PAIR_PART = {
    accessKeyId: 'the new `AccessKeyId`',
    secretAccessKey: 'its `SecretAccessKey`',
    sessionToken: 'its `SessionToken`'
};
/**
 * One step that stores a whole key pair: every secret the workflow reads it from, with one
 * `gh secret set` line each. Where the workflow does not name secrets, the first value's own
 * explanation stands in.
 */
function pairStep(item, context, intro, app) {
    const values = context.references
        .valuesOf(item)
        .filter(value => value.part === 'accessKeyId' || value.part === 'secretAccessKey');
    const secrets = values.filter(value => value.reference?.secret !== undefined);
    const first = values[0];
    if (secrets.length === 0)
        return first === undefined ? [] : setSteps(first, context, intro, app).slice(0, 1);
    const commands = secrets.map(value => {
        const reference = value.reference;
        const scope = app === 'dependabot'
            ? ' --app dependabot'
            : reference?.environment === undefined
                ? ''
                : ` --env ${(0,quoting/* shellArg */.JP)(reference.environment)}`;
        return `gh secret set ${(0,quoting/* shellArg */.JP)(reference?.secret ?? '')}${scope}${repoFlag(context)}`;
    });
    const names = secrets
        .map(value => `${(0,markdown/* code */.aY)(value.reference?.secret ?? '')} (${PAIR_PART[value.part] ?? ''})`)
        .join(' and ');
    return [
        {
            text: `${intro} Update ${app === 'dependabot' ? 'the Dependabot secrets' : 'secrets'} ${names}; \`gh\` asks for each value, which keeps them out of your shell history.`,
            command: commands.join('\n')
        }
    ];
}
/** The steps for values that are wrong as written: set them again. */
function resetValue(item, context, why) {
    const first = context.references.valuesOf(item)[0];
    if (first === undefined)
        return [];
    return setSteps(first, context, `${why} The value comes from ${describeValue(first)}.`);
}
/**
 * One entry per finding ID, `null` where the generic remediation is all there is to say: a new
 * ID without an entry, or a misspelt key, fails the type check instead of silently dropping a
 * fix from the summary.
 */
const RECIPES = {
    'invisible-characters': (item, context) => resetValue(item, context, 'Set it again without the stray characters.'),
    'quoted-value': (item, context) => resetValue(item, context, 'Set it again without the quotes: secrets are stored verbatim.'),
    'access-key-id-malformed': (item, context) => resetValue(item, context, 'Copy the access key ID again (IAM console → Users → Security credentials, or the downloaded CSV) and set it.'),
    'secret-access-key-malformed': (item, context) => resetValue(item, context, 'Set it again with the complete 40-character secret (IAM shows it only once: if it is lost, create a new access key).'),
    'placeholder-credentials': (item, context) => resetValue(item, context, 'Replace the placeholder with the real value.'),
    'example-credentials': (item, context) => [
        createKeyStep(context),
        ...pairStep(item, context, 'Store it in place of the example keys.')
    ],
    'keys-swapped': (item, context) => {
        const values = context.references.valuesOf(item);
        return [
            {
                text: `The key ID and the secret are in each other's places: ${values.map(value => describeValue(value)).join(' and ')}.`
            },
            ...pairStep(item, context, 'Swap them: give each secret the other one’s value.')
        ];
    },
    'signature-mismatch': (item, context) => [
        ...resetValue(item, context, `The secret does not belong to key ID ${(0,markdown/* code */.aY)(context.maskedKey || 'in use')}: set the secret that was created with it.`),
        ...(context.maskedKey === ''
            ? []
            : [
                {
                    text: 'IAM shows a secret only once: if it is lost, create a new access key and set both secrets.'
                }
            ])
    ],
    'empty-credential-variable': (item, context) => {
        const empty = context.references.valuesOf(item).filter(value => value.empty);
        const steps = empty.flatMap(value => {
            const secret = value.reference?.secret;
            const environment = value.reference?.environment;
            return [
                {
                    text: `${describeValue(value, { secret: false })} is empty in this run${secret === undefined ? '.' : `: secret ${(0,markdown/* code */.aY)(secret)} does not exist${environment === undefined ? '' : ` in environment ${(0,markdown/* code */.aY)(environment)} or the repository`}, is spelled differently, or is empty. See which secrets exist:`}`,
                    ...(secret === undefined
                        ? {}
                        : {
                            command: `gh secret list${repoFlag(context)}${environment === undefined ? '' : `\ngh secret list --env ${(0,quoting/* shellArg */.JP)(environment)}${repoFlag(context)}`}`
                        })
                },
                ...(secret === undefined ? [] : setSteps(value, context, 'Create or fix it.').slice(0, 1))
            ];
        });
        // One caveat for all the repository secrets: the steps above named each of them already.
        const repositorySecrets = empty.filter(value => value.reference?.secret !== undefined && value.reference.environment === undefined);
        if (repositorySecrets.length === 0)
            return steps;
        const them = repositorySecrets.length === 1
            ? 'it is an environment secret'
            : 'they are environment secrets';
        return [
            ...steps,
            {
                text: `If ${them}, the job must name that environment (\`environment: NAME\`) to receive ${repositorySecrets.length === 1 ? 'it' : 'them'}.`
            }
        ];
    },
    'incomplete-credentials': (item, context) => {
        const present = context.references.valuesOf(item).filter(value => !value.empty);
        const first = present[0];
        if (first === undefined)
            return [];
        const missing = first.part === 'accessKeyId' ? 'AWS_SECRET_ACCESS_KEY' : 'AWS_ACCESS_KEY_ID';
        return [
            {
                text: `Only ${describeValue(first)} is set. Add ${(0,markdown/* code */.aY)(missing)} beside it${first.reference === undefined ? '' : ` (next to line ${first.reference.line})`}, from the secret that holds the other half of the pair.`
            }
        ];
    },
    'session-token-missing': (item, context) => {
        const key = context.references.valuesOf(item)[0];
        return [
            {
                text: `The ASIA key ID in ${key === undefined ? 'use' : describeValue(key)} is temporary and needs its session token. Add ${(0,markdown/* code */.aY)('AWS_SESSION_TOKEN')} beside it from the same source, or better, let \`aws-actions/configure-aws-credentials\` produce all three with OIDC.`
            }
        ];
    },
    'session-token-unexpected': (item, context) => {
        const token = context.references.valuesOf(item)[0];
        return [
            {
                text: `Remove ${token === undefined ? (0,markdown/* code */.aY)('AWS_SESSION_TOKEN') : describeValue(token)}: a long-term AKIA key takes no session token, and STS rejects the pair.`
            }
        ];
    },
    'invalid-client-token-id': (item, context) => [
        {
            text: `AWS does not know key ID ${(0,markdown/* code */.aY)(context.maskedKey || 'in use')}. Check it in IAM: IAM console → Users → Security credentials lists each key's last four characters. If it was deleted, create a new one:`
        },
        createKeyStep(context),
        ...pairStep(item, context, 'Store the new pair.')
    ],
    'access-key-inactive': (item, context) => {
        const user = userName(context.report.remote.identity) ?? '<user>';
        return [
            {
                text: `Key ${(0,markdown/* code */.aY)(context.maskedKey)} is Inactive. If it was deactivated on purpose, rotate: create a new key and set both secrets. To reactivate it, find it by its last four characters and set it Active:`,
                command: `aws iam list-access-keys --user-name ${(0,quoting/* shellArg */.JP)(user)}\naws iam update-access-key --user-name ${(0,quoting/* shellArg */.JP)(user)} --status Active --access-key-id <key ID ending in ${context.maskedKey.slice(-4)}>`
            },
            ...pairStep(item, context, 'Or rotate: after creating a new key, store it.')
        ];
    },
    'access-key-age': (item, context) => [
        createKeyStep(context),
        ...pairStep(item, context, 'Store the new pair.'),
        {
            text: `Run this workflow once; when it passes, deactivate and then delete the old key (the one ending in ${(0,markdown/* code */.aY)(context.maskedKey.slice(-4))}):`,
            command: `aws iam list-access-keys --user-name ${userArg(context)}\naws iam update-access-key --user-name ${userArg(context)} --status Inactive --access-key-id <old key ID>`
        },
        {
            text: 'Better still, retire the key: the OIDC migration guide in this summary replaces it with short-lived credentials.'
        }
    ],
    'root-credentials': (item, context) => [
        {
            text: 'Delete the root user’s access keys: AWS console → account menu → Security credentials → Access keys. Give CI an IAM role (OIDC) or an IAM user with only the permissions it needs.'
        },
        ...pairStep(item, context, 'Then replace the secrets that hold them with the new credentials.')
    ],
    'expired-token': (item, context) => {
        const token = context.references
            .valuesOf(item)
            .find(value => value.part === 'sessionToken' || value.part === 'accessKeyId');
        if (token?.reference?.secret !== undefined) {
            return [
                {
                    text: `The temporary credentials are stored in secret ${(0,markdown/* code */.aY)(token.reference.secret)} (${(0,markdown/* code */.aY)(token.reference.file)} line ${token.reference.line}): stored session credentials always expire. Replace them with OIDC (\`role-to-assume\` and \`id-token: write\`).`
                }
            ];
        }
        return [
            {
                text: 'The session was issued by an earlier step. Obtain it in the same job, right before the AWS work, or raise `role-duration-seconds` within the role’s maximum session duration.'
            }
        ];
    },
    'fork-pr-secrets-unavailable': () => [
        {
            text: 'Keep AWS steps out of fork pull requests, which never receive secrets:',
            command: 'if: github.event.pull_request.head.repo.full_name == github.repository',
            language: 'yaml'
        }
    ],
    'dependabot-secrets-unavailable': (item, context) => {
        const steps = pairStep(item, context, 'Dependabot runs read Dependabot secrets only: add the same secrets there.', 'dependabot');
        const page = settingsUrl(context, 'secrets/dependabot');
        return steps.length === 0
            ? []
            : [
                ...steps,
                {
                    text: `Or in the browser: Settings → Secrets and variables → Dependabot${page === undefined ? '' : ` (${page})`}.`
                }
            ];
    },
    'account-mismatch': (item, context) => {
        const input = context.references.lineOf({ kind: 'input', name: 'expected-account-id' });
        return [
            ...pairStep(item, context, `These keys belong to account ${(0,markdown/* code */.aY)(context.report.outputs['account-id'] ?? '')}. If that is wrong, store keys of the expected account.`),
            {
                text: `If the account is right, add it to ${(0,markdown/* code */.aY)('expected-account-id')}${input === undefined ? '' : ` (${(0,markdown/* code */.aY)(input.file)} line ${input.line})`}.`
            }
        ];
    },
    'credential-variable-misnamed': null,
    'region-invalid': null,
    'config-variable-invalid': null,
    'endpoint-override-unreachable': null,
    'region-not-enabled': (_item, context) => {
        const region = context.report.discovery.region;
        const line = context.references.lineOf(region.origin);
        return [
            {
                text: `Enable ${(0,markdown/* code */.aY)(region.value)} for the account (AWS console → account menu → Account → AWS Regions → Enable), or use an enabled region${line === undefined ? '' : ` (${(0,markdown/* code */.aY)(line.file)} line ${line.line} sets it)`}.`
            }
        ];
    },
    'missing-permissions': (_item, context) => {
        const identity = context.report.remote.identity;
        const user = userName(identity);
        const role = roleName(identity);
        if (user === undefined && role === undefined)
            return [];
        return [
            {
                text: user === undefined
                    ? `Grant the actions to role ${(0,markdown/* code */.aY)(role ?? '')}: IAM console → Roles → ${(0,markdown/* code */.aY)(role ?? '')} → Permissions → Add permissions.`
                    : `Grant the actions to user ${(0,markdown/* code */.aY)(user)}: IAM console → Users → ${(0,markdown/* code */.aY)(user)} → Permissions → Add permissions.`
            }
        ];
    },
    'precedence-conflict': (_item, context) => {
        const profile = context.references.lineOf({ kind: 'env', name: 'AWS_PROFILE' }) ??
            context.references.lineOf({ kind: 'env', name: 'AWS_DEFAULT_PROFILE' });
        const key = context.references.lineOf({ kind: 'env', name: 'AWS_ACCESS_KEY_ID' });
        const lines = [profile, key]
            .filter(line => line !== undefined)
            .map(line => `${(0,markdown/* code */.aY)(line.file)} line ${line.line}`);
        return lines.length === 0
            ? []
            : [{ text: `Keep one of the two: the profile or the key variables (${lines.join(', ')}).` }];
    },
    'clock-skew': () => [
        {
            text: 'On a self-hosted runner, turn on time synchronisation:',
            command: 'sudo timedatectl set-ntp true'
        }
    ],
    'long-term-credentials': () => [
        { text: 'Follow the OIDC migration guide in this summary: it is written for this repository.' }
    ],
    'settings-invalid': null,
    'internal-error': null,
    'oidc-permission-missing': null,
    'profile-not-found': null,
    'no-credentials': null,
    'credential-process-failed': null,
    'instance-metadata-failed': null,
    'container-credentials-failed': null,
    'credentials-file-malformed': null,
    'web-identity-token-invalid': null,
    'sso-profile-incomplete': null,
    'sso-login-required': null,
    'sso-portal-refused': null,
    'role-profile-mfa-required': null,
    'oidc-token-request-failed': null,
    'oidc-provider-missing': null,
    'oidc-audience-mismatch': null,
    'oidc-trust-policy-mismatch': null,
    'oidc-trust-policy-permissive': null,
    'oidc-token-expired': null,
    'oidc-assume-role-invalid': null,
    'role-session-duration-exceeded': null,
    'sts-timeout': null,
    'sts-unreachable': null,
    'sts-service-error': null,
    'permissions-unverified': null,
    'multiple-active-keys': null,
    'access-key-unused': null,
    'oidc-token-claims': null,
    'iam-check-skipped': null
};
/** The repository-specific steps for a finding; empty when there is nothing specific to say. */
function repositoryFix(item, report, references) {
    const recipe = RECIPES[item.id];
    if (recipe === null)
        return [];
    const github = report.discovery.github;
    return recipe(item, {
        report,
        references,
        ...(github.repository === undefined ? {} : { repository: github.repository }),
        server: github.serverUrl ?? 'https://github.com',
        maskedKey: report.outputs['access-key-id'] ?? (0,redact/* maskAccessKeyId */.BT)(undefined)
    });
}

;// CONCATENATED MODULE: ./src/report/links.ts


/** The published home of the action, used when the runner does not say where it came from. */
const HOME_REPOSITORY = 'aws-credentials-doctor/aws-credentials-doctor';
function docsUrl(id, github) {
    const server = github.serverUrl ?? 'https://github.com';
    // The repository and the ref come from the runner's environment: each part a path segment.
    const repository = (github.actionRepository ?? HOME_REPOSITORY).split('/').map(markdown/* pathSegment */.pn);
    const ref = (github.actionRef ?? 'main').split('/').map(markdown/* pathSegment */.pn);
    return `${server}/${repository.join('/')}/blob/${ref.join('/')}/${(0,src_findings/* docsPath */.P$)(id)}`;
}

;// CONCATENATED MODULE: ./src/report/limits.ts
/**
 * GitHub's limits on what a step writes, and the functions that keep the report within them.
 * A summary over its limit is dropped whole, a comment over its limit is refused, and
 * annotations past the tenth of a kind are not shown: the report decides what to leave out,
 * most important first, and says what it left out. Pure.
 *
 * Every function here works on text that was already redacted: a cut through a secret's
 * text could keep a part of it that the redactor would no longer recognise.
 */
/**
 * Error and warning annotations GitHub shows per step: "GitHub Actions are limited to 10
 * warning annotations and 10 error annotations per step" (REST API, checks runs:
 * https://docs.github.com/en/rest/checks/runs#create-a-check-run; also
 * https://github.com/actions/toolkit/blob/main/docs/problem-matchers.md#limitations). The
 * runner counts notices the same way as errors and warnings (`NoticeCount` beside
 * `ErrorCount` and `WarningCount` in actions/runner `src/Runner.Worker/ExecutionContext.cs`),
 * so notices are held to the same number.
 */
const ANNOTATIONS_PER_STEP = 10;
/**
 * The runner keeps the first 4,096 characters of an annotation's message, after masking
 * (`_maxIssueMessageLength = 4096` in actions/runner `src/Runner.Worker/ExecutionContext.cs`,
 * `AddIssue`). A message shortened here ends with a note instead of being cut anywhere.
 */
const ANNOTATION_MESSAGE_CHARACTERS = 4096;
/**
 * An annotation's title, as the Checks API takes it (255 characters; the limits
 * publish-unit-test-result-action keeps to:
 * https://github.com/EnricoMi/publish-unit-test-result-action/issues/52). The runner passes
 * the title on without cutting it.
 */
const ANNOTATION_TITLE_CHARACTERS = 255;
/**
 * A step's summary: "each step is restricted to a maximum size of 1MiB … If more than 1MiB of
 * content is added for a step, then the upload for the step will fail and an error annotation
 * will be created" (https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands#step-isolation-and-limits;
 * `AttachmentSizeLimit = 1024 * 1024` bytes of the file in actions/runner
 * `src/Runner.Worker/FileCommandManager.cs`, and the error "$GITHUB_STEP_SUMMARY upload
 * aborted, supports content up to a size of 1024k").
 */
const SUMMARY_BYTES = 1024 * 1024;
/**
 * What the summary may take of it. `@actions/core` adds an end of line, and a summary a few
 * bytes under 1 MiB has been seen dropped without an error
 * (https://github.com/actions/runner/issues/4337): 16 KiB is kept free.
 */
const SUMMARY_BUDGET_BYTES = SUMMARY_BYTES - 16 * 1024;
/**
 * An issue or pull request comment's body: GitHub refuses a longer one with "Body is too long
 * (maximum is 65536 characters)" (422 from `POST /repos/{owner}/{repo}/issues/{n}/comments`;
 * https://github.com/peter-evans/create-or-update-comment/pull/182 truncates to the same number).
 */
const COMMENT_CHARACTERS = 65536;
/**
 * What the comment may take of it. JavaScript counts UTF-16 code units, which are never fewer
 * than the characters GitHub counts; the margin covers a count that differs in other ways.
 */
const COMMENT_BUDGET_CHARACTERS = COMMENT_CHARACTERS - 1536;
/**
 * A run of characters longer than this in a reported value is shortened. The longest name the
 * report shows itself (an ARN, a URL to a docs page) stays well under it; a value pasted
 * whole (a 100,000-character profile name) does not, and repeating it in the summary,
 * annotations, outputs and log is what made them too large.
 */
const VALUE_CHARACTERS = 256;
/** How much of a long run is kept before the note that says how much was left out. */
const VALUE_KEPT = 120;
/**
 * Characters that end a run: white space, and what gives Markdown, HTML, JSON or a table its
 * structure. A shortened run keeps them all, so a code span, a link, a JSON string (and its
 * escapes) or a table row stays whole.
 */
const RUN = /[^\s`"'\\|<>[\](){}*]{257,}/gu;
/**
 * A run of asterisks longer than the bound: a masked value is as long as the value, and
 * asterisks end the runs above (they are Markdown's emphasis), so a long one is shortened
 * on its own, to the mask's usual three.
 */
const MASKED_RUN = /\*{257,}/gu;
/** `text` cut to `keep` UTF-16 units, never between the two halves of a surrogate pair. */
function head(text, keep) {
    const end = keep > 0 && /[\ud800-\udbff]/u.test(text.charAt(keep - 1)) ? keep - 1 : keep;
    return text.slice(0, end);
}
/** The note that replaces what was cut. */
function moreCharacters(count) {
    return `…(${count.toLocaleString('en-US')} more characters)`;
}
/**
 * `text` with every run of more than `VALUE_CHARACTERS` characters shortened to its first ones
 * and a note of how many more there were. Linear in the length of the text.
 */
function shortenValues(text) {
    if (text.length <= VALUE_CHARACTERS)
        return text;
    return text
        .replace(RUN, run => {
        const kept = head(run, VALUE_KEPT);
        return `${kept}${moreCharacters(run.length - kept.length)}`;
    })
        .replace(MASKED_RUN, run => `***${moreCharacters(run.length - 3)}`);
}
/** `text` within `limit` UTF-16 units, its end replaced by a note where it was longer. */
function shortenText(text, limit) {
    if (text.length <= limit)
        return text;
    // The note for the longest possible cut is the longest note.
    const room = limit - moreCharacters(text.length).length;
    const kept = head(text, Math.max(0, room));
    return `${kept}${moreCharacters(text.length - kept.length)}`;
}
function utf8Bytes(text) {
    return Buffer.byteLength(text, 'utf8');
}
function characters(text) {
    return text.length;
}
const SUMMARY_BUDGET = {
    limit: SUMMARY_BUDGET_BYTES,
    measure: utf8Bytes,
    limitName: "GitHub's 1 MiB limit for a job summary"
};
const COMMENT_BUDGET = {
    limit: COMMENT_BUDGET_CHARACTERS,
    measure: characters,
    limitName: "GitHub's limit of 65,536 characters for a comment"
};
function omissionNote(omitted, cut, budget) {
    const count = omitted.length;
    const sections = count === 0
        ? ''
        : `${count} ${count === 1 ? 'section was' : 'sections were'} left out to stay under ${budget.limitName}: ${omitted.join(', ')}.`;
    const cutNote = cut
        ? `The report was cut short to stay under ${budget.limitName}; the log lists every finding.`
        : '';
    return `> ${[sections, cutNote].filter(part => part !== '').join(' ')}`;
}
/** The longest prefix of `text` ending at a line break whose size is within `room`. */
function linesWithin(text, room, budget) {
    if (room <= 0)
        return '';
    let low = 0;
    let high = text.length;
    // Binary search on the cut point: the measure grows with the prefix.
    while (low < high) {
        const middle = Math.ceil((low + high) / 2);
        if (budget.measure(text.slice(0, middle)) <= room)
            low = middle;
        else
            high = middle - 1;
    }
    const prefix = head(text, low);
    const lineEnd = prefix.lastIndexOf('\n');
    return lineEnd > 0 ? prefix.slice(0, lineEnd) : prefix;
}
/**
 * The sections, in their order, that fit within the budget with the note that names what was
 * left out. Sections are left out lowest priority first (the last of equal ones first); where
 * the required ones alone are too large, the first that does not fit is cut at a line and the
 * rest are left out.
 */
function fitSections(sections, budget) {
    const separator = '\n';
    const join = (kept) => kept.map(item => item.text).join(separator);
    const whole = join(sections);
    if (budget.measure(whole) <= budget.limit)
        return { text: whole, omitted: [], cut: false };
    const names = sections.map(item => item.name);
    const dropOrder = sections
        .map((item, index) => ({ item, index }))
        .filter(({ item }) => item.priority !== 'required')
        .sort((a, b) => Number(a.item.priority) - Number(b.item.priority) || b.index - a.index);
    const left = new Set();
    const keptOf = () => sections.filter((_, index) => !left.has(index));
    const finish = (kept, cut) => {
        const omitted = sections.filter((_, index) => left.has(index)).map(item => item.name);
        return {
            text: `${join(kept)}${separator}${omissionNote(omitted, cut, budget)}`,
            omitted,
            cut
        };
    };
    for (const { index } of dropOrder) {
        left.add(index);
        const fitted = finish(keptOf(), false);
        if (budget.measure(fitted.text) <= budget.limit)
            return fitted;
    }
    // The note is measured as if it named every section and the cut: it is never larger.
    const reserve = budget.measure(`${separator}${omissionNote(names, true, budget)}`);
    // Only required sections are left, and they are too large together.
    const kept = [];
    let used = 0;
    for (const [index, item] of sections.entries()) {
        if (left.has(index))
            continue;
        const size = budget.measure(item.text) + (kept.length === 0 ? 0 : budget.measure(separator));
        if (used + size + reserve <= budget.limit) {
            kept.push(item);
            used += size;
            continue;
        }
        const room = budget.limit - reserve - used - budget.measure(separator);
        const part = linesWithin(item.text, room, budget);
        if (part !== '')
            kept.push({ ...item, text: part });
        for (let rest = part === '' ? index : index + 1; rest < sections.length; rest += 1)
            left.add(rest);
        return finish(kept, true);
    }
    return finish(kept, false);
}

;// CONCATENATED MODULE: ./src/report/references.ts

const PARTS = ['accessKeyId', 'secretAccessKey', 'sessionToken'];
/** Which value of the source a finding's named origin is (the key ID when none matches). */
function namedPart(credentials, named) {
    const part = PARTS.find(candidate => JSON.stringify(credentials?.[candidate]?.origin) === JSON.stringify(named));
    const value = part === undefined ? undefined : credentials?.[part];
    return { part: part ?? 'accessKeyId', empty: value?.raw === '' };
}
class ReportReferences {
    discovery;
    constructor(discovery) {
        this.discovery = discovery;
    }
    /** The workflow line that sets an environment variable or passes an input. */
    lineOf(origin) {
        const workflow = this.discovery.workflow;
        if (workflow === undefined || origin === undefined)
            return undefined;
        if (origin.kind === 'env')
            return workflow.variables.get(origin.name);
        if (origin.kind === 'input')
            return workflow.inputs.get(origin.name);
        return undefined;
    }
    /** The job's `environment:`, whose secrets shadow the repository's. */
    environment() {
        return this.discovery.workflow?.environment;
    }
    /** The workflow file and the line of the job's `permissions:`, where it has one. */
    permissions() {
        const workflow = this.discovery.workflow;
        const line = workflow?.permissionsLine;
        return workflow === undefined || line === undefined ? undefined : { file: workflow.path, line };
    }
    sourceOf(item) {
        const sources = this.discovery.sources.filter(source => source.credentials !== undefined);
        return (sources.find(source => source.label === item.source) ??
            (this.discovery.selected?.credentials === undefined ? undefined : this.discovery.selected) ??
            sources[0]);
    }
    /** Every value the finding concerns: the one it names first, then those its definition lists. */
    valuesOf(item) {
        const values = [];
        const seen = new Set();
        const add = (part, origin, empty) => {
            const key = JSON.stringify(origin);
            if (seen.has(key))
                return;
            seen.add(key);
            const reference = this.lineOf(origin);
            values.push({ part, origin, empty, ...(reference === undefined ? {} : { reference }) });
        };
        const credentials = this.sourceOf(item)?.credentials;
        const named = item.location?.origin;
        if (named !== undefined) {
            const { part, empty } = namedPart(credentials, named);
            add(part, named, empty);
        }
        for (const part of (0,src_findings/* definitionOf */.Fg)(item.id).concerns) {
            const value = credentials?.[part];
            if (value !== undefined)
                add(part, value.origin, value.raw === '');
        }
        return values;
    }
    /** The finding with its workflow file and line filled in, where the workflow sets the value. */
    locate(item) {
        if (item.location?.file !== undefined)
            return item;
        const line = this.valuesOf(item).find(value => value.reference !== undefined)?.reference;
        if (line === undefined)
            return item;
        return { ...item, location: { ...item.location, file: line.file, line: line.line } };
    }
}

;// CONCATENATED MODULE: ./src/report/annotations.ts



// Annotations are plain text: Markdown code spans and emphasis only add noise there.


function annotationsOf(report) {
    const references = new ReportReferences(report.discovery);
    return report.findings
        .filter((item) => item.severity !== 'notice')
        .map(item => {
        const steps = repositoryFix(item, report, references);
        const message = [
            (0,markdown/* plainText */.wh)(item.message),
            `Fix: ${(0,markdown/* plainText */.wh)(item.remediation)}`,
            ...steps.map(step => `- ${(0,markdown/* plainText */.wh)(step.text)}${step.command === undefined ? '' : `\n    ${step.command.split('\n').join('\n    ')}`}`),
            `More: ${docsUrl(item.id, report.discovery.github)}`
        ].join('\n');
        return {
            severity: item.severity,
            id: item.id,
            title: `${item.id}: ${item.title}`,
            message,
            ...(item.location?.file === undefined ? {} : { file: item.location.file }),
            ...(item.location?.line === undefined ? {} : { line: item.location.line })
        };
    });
}
const SEVERITY_WORDS = {
    error: ['error', 'errors'],
    warning: ['warning', 'warnings'],
    notice: ['notice', 'notices']
};
/**
 * The annotations GitHub will show, most important first (the report's order): at most ten of
 * each kind, the failure's own error counted. Where there are more, the last slot says how
 * many more there are and where they are listed.
 */
function limitAnnotations(annotations, limits) {
    const shown = [];
    for (const severity of ['error', 'warning', 'notice']) {
        const all = annotations.filter(item => item.severity === severity);
        const slots = ANNOTATIONS_PER_STEP - (severity === 'error' && limits.failed ? 1 : 0);
        if (all.length <= slots) {
            shown.push(...all);
            continue;
        }
        const kept = all.slice(0, Math.max(0, slots - 1));
        const rest = all.slice(kept.length);
        const [one, many] = SEVERITY_WORDS[severity];
        const word = rest.length === 1 ? one : many;
        shown.push(...kept, {
            severity,
            title: `aws-credentials-doctor: ${rest.length} more ${word}`,
            message: `GitHub shows ${ANNOTATIONS_PER_STEP} ${many} per step: ${rest.length} more ${rest.length === 1 ? 'is' : 'are'} listed in ${limits.where}: ${rest.map(item => item.id ?? item.title).join(', ')}.`
        });
    }
    return shown;
}

;// CONCATENATED MODULE: ./src/report/supersede.ts
/**
 * The one place where findings make others redundant, applied once when the report is built.
 * What supersedes what is declared on the definitions in src/findings.ts (`supersedes`, with
 * its reach: one credential value, one source, or the run); besides that, the same finding
 * reached by two paths (same ID, source and message) is one finding.
 */


function originKey(origin) {
    return origin === undefined ? undefined : JSON.stringify(origin);
}
function sameScope(per, by, item) {
    if (per === 'run')
        return true;
    if (per === 'source')
        return by.source === item.source;
    const key = originKey(item.location?.origin);
    return key !== undefined && key === originKey(by.location?.origin);
}
/**
 * `by` makes `item` redundant: declared so, within the declared reach, and at least as severe.
 * A less severe finding never hides a more severe one: a notice about a profile the run does
 * not use must not take away the error that fails the step.
 */
function supersedes(by, item) {
    if (model/* SEVERITY_RANK */.f3[by.severity] < model/* SEVERITY_RANK */.f3[item.severity])
        return false;
    return (0,src_findings/* definitionOf */.Fg)(by.id).supersedes.some(entry => entry.id === item.id && sameScope(entry.per, by, item));
}
function duplicates(kept, item) {
    return (kept.id === item.id &&
        (kept.source ?? '') === (item.source ?? '') &&
        kept.message === item.message);
}
/**
 * Drops every finding another one supersedes. `ordered` is in precedence order: among findings
 * of one ID, the first is kept; a finding of another ID supersedes wherever it stands.
 */
function supersede(ordered) {
    const kept = [];
    for (const item of ordered) {
        const redundant = kept.some(earlier => earlier.id === item.id && (duplicates(earlier, item) || supersedes(earlier, item))) || ordered.some(other => other.id !== item.id && supersedes(other, item));
        if (!redundant)
            kept.push(item);
    }
    return kept;
}

;// CONCATENATED MODULE: ./src/report/verdict.ts
/** The verdict: how findings rank, what the step's status is, and whether it fails. */



/**
 * Most severe first; within a severity, the registry's order (most specific first); then the
 * findings others supersede are dropped (src/report/supersede.ts).
 */
function orderFindings(findings) {
    return supersede([...findings].sort((a, b) => model/* SEVERITY_RANK */.f3[b.severity] - model/* SEVERITY_RANK */.f3[a.severity] || (0,src_findings/* rankOf */.IQ)(a.id) - (0,src_findings/* rankOf */.IQ)(b.id)));
}
function statusOf(findings) {
    if (findings.some(item => item.severity === 'error'))
        return 'fail';
    if (findings.some(item => item.severity === 'warning'))
        return 'warn';
    return 'pass';
}
function causeOf(ordered) {
    return ((ordered.find(item => item.severity === 'error') ??
        ordered.find(item => item.severity === 'warning'))?.id ?? '');
}
function failsStep(findings, failOn) {
    if (failOn === 'never')
        return false;
    const threshold = model/* SEVERITY_RANK */.f3[failOn];
    return findings.some(item => model/* SEVERITY_RANK */.f3[item.severity] >= threshold);
}
/**
 * Whether re-running the job may help, over the findings that set the status (the errors of a
 * failing run, the warnings of a warning one): `configuration` when any of them needs a change
 * first, `transient` when all of them may pass on their own, else `unknown`. Undefined for a pass.
 */
function retryOf(ordered) {
    const status = statusOf(ordered);
    if (status === 'pass')
        return undefined;
    const severity = status === 'fail' ? 'error' : 'warning';
    const classes = ordered
        .filter(item => item.severity === severity)
        .map(item => (0,src_findings/* definitionOf */.Fg)(item.id).retry);
    if (classes.includes('configuration'))
        return 'configuration';
    if (classes.length > 0 && classes.every(value => value === 'transient'))
        return 'transient';
    return 'unknown';
}
/** The `retryable` output: `true`, `false`, or empty when unknown or passing. */
function retryableOf(ordered) {
    const retry = retryOf(ordered);
    if (retry === 'transient')
        return 'true';
    if (retry === 'configuration')
        return 'false';
    return '';
}

// EXTERNAL MODULE: ./src/report/fall-through.ts
var fall_through = __webpack_require__(7117);
;// CONCATENATED MODULE: ./src/report/build.ts




const OUTPUT = {
    valid: 'valid',
    status: 'status',
    cause: 'cause',
    findings: 'findings',
    accountId: 'account-id',
    arn: 'arn',
    userId: 'user-id',
    principalType: 'principal-type',
    credentialSource: 'credential-source',
    accessKeyId: 'access-key-id',
    keyAgeDays: 'key-age-days',
    oidcSub: 'oidc-sub',
    retryable: 'retryable'
};
function findingsJson(findings) {
    return JSON.stringify(findings.map(item => ({
        id: item.id,
        severity: item.severity,
        title: item.title,
        message: item.message,
        remediation: item.remediation,
        source: item.source ?? ''
    })));
}
function buildReport(discovery, remote, offline, settings) {
    // Each finding learns the workflow line that set its value, for annotations on the diff.
    const references = new ReportReferences(discovery);
    // Offline findings about a profile the JS SDK passes over are judged by what this run saw.
    const judged = (0,fall_through/* judgeFallThrough */.w)(offline, discovery, remote);
    const findings = orderFindings([...judged, ...remote.findings]).map(item => references.locate(item));
    const status = statusOf(findings);
    const valid = remote.identity !== undefined && status !== 'fail';
    const accessKeyId = remote.accessKeyId ?? discovery.selected?.credentials?.accessKeyId?.raw;
    const outputs = {
        [OUTPUT.valid]: String(valid),
        [OUTPUT.status]: status,
        [OUTPUT.cause]: causeOf(findings),
        [OUTPUT.findings]: findingsJson(findings),
        [OUTPUT.accountId]: remote.identity?.account ?? remote.offlineAccountId ?? discovery.offlineAccountId ?? '',
        [OUTPUT.arn]: remote.identity?.arn ?? '',
        [OUTPUT.userId]: remote.identity?.userId ?? '',
        [OUTPUT.principalType]: remote.identity?.principalType ?? (remote.identity === undefined ? '' : 'unknown'),
        [OUTPUT.credentialSource]: remote.credentialSource ?? discovery.selected?.kind ?? 'none',
        [OUTPUT.accessKeyId]: (0,redact/* maskAccessKeyId */.BT)(accessKeyId),
        [OUTPUT.keyAgeDays]: remote.keyAgeDays === undefined ? '' : String(remote.keyAgeDays),
        [OUTPUT.oidcSub]: remote.oidcSub ?? '',
        [OUTPUT.retryable]: retryableOf(findings)
    };
    return {
        status,
        valid,
        cause: causeOf(findings),
        findings,
        discovery,
        remote,
        outputs,
        failed: failsStep(findings, settings.failOn)
    };
}

// EXTERNAL MODULE: ./src/oidc/sub.ts
var oidc_sub = __webpack_require__(8199);
;// CONCATENATED MODULE: ./src/report/oidc-guide.ts



/** Sources with no long-term keys to migrate away from: instance roles, containers, EKS. */
const KEYLESS_SOURCES = new Set([
    'container',
    'instance-metadata',
    'web-identity',
    'sso'
]);
/**
 * Whether the guide belongs in this report: with long-term keys in a workflow (the
 * `long-term-credentials` finding) or on request, but never where the credentials come from a role the runner already
 * has (an instance profile, a container or EKS): there is nothing to migrate there.
 */
function showsOidcGuide(report, requested) {
    const kind = report.remote.credentialSource ?? report.discovery.selected?.kind;
    if (kind !== undefined && KEYLESS_SOURCES.has(kind))
        return false;
    if (requested)
        return true;
    // Outside a repository's workflow (a laptop) there is no workflow to migrate.
    return (report.discovery.github.repository !== undefined &&
        report.findings.some(item => item.id === 'long-term-credentials'));
}
/** A claim value as GitHub writes it into `sub`: a colon inside a value becomes `%3A`. */
function claimValue(value) {
    return value.replace(/:/gu, '%3A');
}
/**
 * The default `sub` claim GitHub puts in this job's token: the environment when the job names
 * one, else `pull_request` for pull request events, else the ref (branch or tag).
 */
function expectedSub(github, environment) {
    if (github.repository === undefined)
        return undefined;
    const repo = `repo:${github.repository}`;
    if (environment !== undefined)
        return `${repo}:environment:${claimValue(environment)}`;
    if (github.eventName?.startsWith('pull_request') === true &&
        github.eventName !== 'pull_request_target') {
        return `${repo}:pull_request`;
    }
    if (github.ref !== undefined)
        return `${repo}:ref:${claimValue(github.ref)}`;
    return undefined;
}
/** The token issuer for this GitHub: github.com's, or a GitHub Enterprise Server's. */
function issuerHost(serverUrl) {
    if (serverUrl === undefined)
        return 'token.actions.githubusercontent.com';
    let host;
    try {
        host = new URL(serverUrl).host;
    }
    catch {
        return 'token.actions.githubusercontent.com';
    }
    if (host === 'github.com' || host.endsWith('.ghe.com') || host === '')
        return 'token.actions.githubusercontent.com';
    return `${host}/_services/token`;
}
/**
 * The issuer the guide's provider and condition keys name: the token's own `iss` where this run
 * read one (it alone knows an enterprise's `…/SLUG` issuer), else the one the server implies.
 */
function guideIssuer(report) {
    const iss = report.remote.oidc?.claims.iss;
    if (iss !== undefined && iss.startsWith('https://'))
        return iss.slice('https://'.length).replace(/\/+$/u, '');
    return issuerHost(report.discovery.github.serverUrl);
}
/** Whether the run is on GHE.com, whose issuer this project has no verified source for. */
function onGheCom(serverUrl) {
    try {
        return serverUrl !== undefined && new URL(serverUrl).host.endsWith('.ghe.com');
    }
    catch {
        return false;
    }
}
function partitionOf(report) {
    const arn = /^arn:(aws[a-z-]*):/u.exec(report.remote.identity?.arn ?? '')?.[1];
    if (arn !== undefined)
        return arn;
    const region = report.discovery.region.value;
    if (region.startsWith('cn-'))
        return 'aws-cn';
    if (region.startsWith('us-gov-'))
        return 'aws-us-gov';
    return 'aws';
}
/** The role's trust policy: StringEquals on `aud`, StringLike on `sub` (case-sensitive). */
function trustPolicy(options) {
    const subjects = options.subjects.length === 1 ? options.subjects[0] : [...options.subjects];
    return JSON.stringify({
        Version: '2012-10-17',
        Statement: [
            {
                Effect: 'Allow',
                Principal: {
                    Federated: `arn:${options.partition}:iam::${options.accountId}:oidc-provider/${options.issuer}`
                },
                Action: 'sts:AssumeRoleWithWebIdentity',
                Condition: {
                    StringEquals: { [`${options.issuer}:aud`]: options.audience },
                    StringLike: { [`${options.issuer}:sub`]: subjects }
                }
            }
        ]
    }, null, 2);
}
/** An IAM role name from the repository name: `[\w+=,.@-]`, at most 64 characters. */
function roleNameFor(repository) {
    const name = repository.split('/')[1] ?? repository;
    return `github-actions-${name.replace(/[^\w+=,.@-]/gu, '-')}`.slice(0, 64);
}
function userNameOf(report) {
    return /:user\/(?:.*\/)?([^/]+)$/u.exec(report.remote.identity?.arn ?? '')?.[1];
}
/** The workflow lines that feed the long-term keys in, to be removed with the migration. */
function secretLines(report, references) {
    const credentials = report.discovery.selected?.credentials;
    if (credentials === undefined)
        return [];
    return ['accessKeyId', 'secretAccessKey', 'sessionToken'].flatMap(part => {
        const origin = credentials[part]?.origin;
        const reference = references.lineOf(origin);
        if (origin === undefined || reference === undefined || origin.kind === 'file')
            return [];
        return [{ part, variable: origin.name, reference }];
    });
}
/** The guide's `sub` in both forms, with the token's owner and repository IDs where it was read. */
function subjectsFor(report, sub) {
    const claims = report.remote.oidc?.claims ?? {};
    return (0,oidc_sub/* bothSubForms */.Jp)(sub, {
        ...(claims.repository_owner_id === undefined ? {} : { owner: claims.repository_owner_id }),
        ...(claims.repository_id === undefined ? {} : { repository: claims.repository_id })
    });
}
/** What the issuer changes: the provider and condition keys, or (GHE.com, unread) a caveat. */
function issuerLines(report, issuer) {
    if (issuer !== 'token.actions.githubusercontent.com')
        return [
            `This job's issuer is ${(0,markdown/* code */.aY)(`https://${issuer}`)}: the provider below and the trust policy's condition keys (${(0,markdown/* code */.aY)(`${issuer}:aud`)}, ${(0,markdown/* code */.aY)(`${issuer}:sub`)}) are named after it, not after github.com's \`token.actions.githubusercontent.com\`.`,
            ''
        ];
    if (report.remote.oidc?.claims.iss === undefined && onGheCom(report.discovery.github.serverUrl))
        return [
            "⚠️ On GHE.com the token's issuer may differ from github.com's: run this action with `role-to-assume` to read the token's `iss`, and name the provider URL and the condition keys after it.",
            ''
        ];
    return [];
}
/** The subject this job presents, its forms per trigger, and whether it may request a token. */
function subjectLines(report, references, subject) {
    const { sub, tokenSub, repository, environment } = subject;
    const github = report.discovery.github;
    const lines = [];
    lines.push(`This job would present the subject ${(0,markdown/* code */.aY)(sub)}${tokenSub === undefined ? '' : ' (read from its own token)'}. The trust policy below accepts exactly that, in both of GitHub's \`sub\` forms; \`sub\` is matched case-sensitively, so ${(0,markdown/* code */.aY)(repository)} must keep this casing.`, '');
    if (tokenSub === undefined) {
        lines.push('That is GitHub’s default format. Where the organisation customised the `sub` template, or the repository uses the immutable form with IDs (`repo:OWNER@ID/REPO@ID:…`), the token says otherwise: run this action with `role-to-assume` to read the real claim.', '');
    }
    const branch = github.ref?.startsWith('refs/heads/') === true
        ? github.ref.slice('refs/heads/'.length)
        : (github.baseRef ?? 'main');
    lines.push('| When the job runs for | its `sub` is |', '|---|---|', `| branch ${(0,markdown/* cell */.Hn)((0,markdown/* code */.aY)(branch))} | ${(0,markdown/* cell */.Hn)((0,markdown/* code */.aY)(`repo:${repository}:ref:refs/heads/${claimValue(branch)}`))} |`, `| a tag | ${(0,markdown/* cell */.Hn)((0,markdown/* code */.aY)(`repo:${repository}:ref:refs/tags/TAG`))} |`, `| a pull request | ${(0,markdown/* cell */.Hn)((0,markdown/* code */.aY)(`repo:${repository}:pull_request`))} |`, `| a job with ${(0,markdown/* cell */.Hn)((0,markdown/* code */.aY)(`environment: ${environment ?? 'NAME'}`))} | ${(0,markdown/* cell */.Hn)((0,markdown/* code */.aY)(`repo:${repository}:environment:${environment === undefined ? 'NAME' : claimValue(environment)}`))} |`, '');
    const permissions = references.permissions();
    lines.push(github.oidcRequestAvailable
        ? '✅ This job already has `permissions: id-token: write`: it can request a token today.'
        : `⚠️ This job has no \`permissions: id-token: write\` yet${permissions === undefined ? '' : ` (its permissions are at ${(0,markdown/* code */.aY)(permissions.file)} line ${permissions.line})`}: step 3 adds it.`, '');
    return lines;
}
/** What the new role may do: the IAM user's policies where the user is known. */
function rolePolicyLines(user, roleName) {
    const lines = [];
    const attach = `aws iam attach-role-policy --role-name ${(0,quoting/* shellArg */.JP)(roleName)} --policy-arn POLICY_ARN`;
    if (user !== undefined) {
        lines.push(`Give the role what the IAM user ${(0,markdown/* code */.aY)(user)} may do today; list it with:`, '', ...(0,markdown/* fencedBlock */.zW)([
            `aws iam list-attached-user-policies --user-name ${(0,quoting/* shellArg */.JP)(user)}`,
            `aws iam list-user-policies --user-name ${(0,quoting/* shellArg */.JP)(user)}`,
            `aws iam list-groups-for-user --user-name ${(0,quoting/* shellArg */.JP)(user)}`,
            attach
        ], 'sh'), '');
    }
    else {
        lines.push(...(0,markdown/* fencedBlock */.zW)([attach], 'sh'), '');
    }
    return lines;
}
/** Step 4: the secrets and the access key to delete once the role works. */
function retireKeysLines(secrets, repository, user) {
    const lines = [];
    const secretNames = [
        ...new Set(secrets.flatMap(line => (line.reference.secret === undefined ? [] : [line.reference])))
    ];
    lines.push('**4. Retire the keys** once a run has passed with the role:', '', ...(0,markdown/* fencedBlock */.zW)([
        ...(secretNames.length === 0
            ? [
                `gh secret delete AWS_ACCESS_KEY_ID --repo ${(0,quoting/* shellArg */.JP)(repository)}`,
                `gh secret delete AWS_SECRET_ACCESS_KEY --repo ${(0,quoting/* shellArg */.JP)(repository)}`
            ]
            : secretNames.map(reference => `gh secret delete ${(0,quoting/* shellArg */.JP)(reference.secret ?? '')}${reference.environment === undefined ? '' : ` --env ${(0,quoting/* shellArg */.JP)(reference.environment)}`} --repo ${(0,quoting/* shellArg */.JP)(repository)}`)),
        `aws iam list-access-keys --user-name ${user === undefined ? 'USER' : (0,quoting/* shellArg */.JP)(user)}`,
        `aws iam delete-access-key --user-name ${user === undefined ? 'USER' : (0,quoting/* shellArg */.JP)(user)} --access-key-id KEY_ID`
    ], 'sh'), '');
    return lines;
}
function renderOidcGuide(report, references, options = {}) {
    const discovery = report.discovery;
    const github = discovery.github;
    const repository = github.repository ?? 'OWNER/REPO';
    const account = report.outputs['account-id'] || '123456789012';
    const partition = partitionOf(report);
    const issuer = guideIssuer(report);
    const audience = options.audience ?? 'sts.amazonaws.com';
    const environment = references.environment();
    const tokenSub = report.remote.oidc?.claims.sub ?? report.remote.oidcSub;
    const defaultSub = expectedSub(github, environment);
    const sub = tokenSub ?? defaultSub ?? `repo:${repository}:ref:refs/heads/main`;
    const roleName = roleNameFor(repository);
    const roleArn = `arn:${partition}:iam::${account}:role/${roleName}`;
    const user = userNameOf(report);
    const lines = [];
    const subjects = subjectsFor(report, sub);
    lines.push(...subjectLines(report, references, { sub, tokenSub, repository, environment }));
    lines.push(...issuerLines(report, issuer));
    lines.push('**1. Create the OIDC provider**, once per AWS account. No thumbprint is needed: AWS verifies GitHub with its own trusted certificate authorities.', '', ...(0,markdown/* fencedBlock */.zW)([
        'aws iam create-open-id-connect-provider \\',
        `  --url ${(0,quoting/* shellArg */.JP)(`https://${issuer}`)} \\`,
        `  --client-id-list ${(0,quoting/* shellArg */.JP)(audience)}`
    ], 'sh'), '', `Console: IAM → Identity providers → Add provider → OpenID Connect, provider URL ${(0,markdown/* code */.aY)(`https://${issuer}`)}, audience ${(0,markdown/* code */.aY)(audience)}.`, '');
    lines.push(`**2. Create the role** ${(0,markdown/* code */.aY)(roleName)} with this trust policy, saved as \`trust.json\`. It lists the \`sub\` in both of GitHub's forms, with names and with the owner and repository IDs (\`repo:OWNER@OWNER_ID/REPO@REPO_ID:…\`), which new repositories use, and every repository after a rename or transfer: the role keeps working when the form changes.`, '', ...(0,markdown/* fencedBlock */.zW)([trustPolicy({ accountId: account, partition, issuer, audience, subjects })], 'json'), '', ...(0,markdown/* fencedBlock */.zW)([
        `aws iam create-role --role-name ${(0,quoting/* shellArg */.JP)(roleName)} --assume-role-policy-document file://trust.json`
    ], 'sh'), '', `To let every branch, tag and pull request of this repository assume it, use ${(0,markdown/* code */.aY)(`repo:${repository}:*`)} instead: broader, so prefer one line per branch or environment.`, '');
    lines.push(...rolePolicyLines(user, roleName));
    const secrets = secretLines(report, references);
    lines.push('**3. Change the workflow**: grant the token permission and let `aws-actions/configure-aws-credentials` assume the role.', '', ...(0,markdown/* fencedBlock */.zW)([
        'jobs:',
        `  ${(0,quoting/* yamlScalar */.Ew)(github.job ?? 'deploy')}:`,
        // A complete job, valid as it stands; the comment asks to keep the job's real runner.
        `    runs-on: ${github.runnerEnvironment === 'self-hosted' ? 'self-hosted' : 'ubuntu-latest'} # keep this job's own runs-on`,
        '    permissions:',
        '      id-token: write',
        '      contents: read',
        '    steps:',
        '      - uses: aws-actions/configure-aws-credentials@v6',
        '        with:',
        `          role-to-assume: ${(0,quoting/* yamlScalar */.Ew)(roleArn)}`,
        `          aws-region: ${(0,quoting/* yamlScalar */.Ew)(discovery.region.value)}`,
        ...(audience === 'sts.amazonaws.com' ? [] : [`          audience: ${(0,quoting/* yamlScalar */.Ew)(audience)}`])
    ], 'yaml'), '');
    if (secrets.length > 0) {
        lines.push(`Then delete the lines that pass the keys in: ${secrets.map(line => `${(0,markdown/* code */.aY)(line.variable)} (${(0,markdown/* code */.aY)(line.reference.file)} line ${line.reference.line})`).join(', ')}.`, '');
    }
    lines.push(...retireKeysLines(secrets, repository, user));
    lines.push('<details><summary>The same in Terraform</summary>', '', ...(0,markdown/* fencedBlock */.zW)([
        'resource "aws_iam_openid_connect_provider" "github" {',
        `  url            = ${(0,quoting/* hclString */.ZK)(`https://${issuer}`)}`,
        `  client_id_list = [${(0,quoting/* hclString */.ZK)(audience)}]`,
        '  # No thumbprint_list: optional since hashicorp/aws 5.81, and AWS ignores it for GitHub.',
        '}',
        '',
        'data "aws_iam_policy_document" "github_trust" {',
        '  statement {',
        '    actions = ["sts:AssumeRoleWithWebIdentity"]',
        '    principals {',
        '      type        = "Federated"',
        '      identifiers = [aws_iam_openid_connect_provider.github.arn]',
        '    }',
        '    condition {',
        '      test     = "StringEquals"',
        `      variable = ${(0,quoting/* hclString */.ZK)(`${issuer}:aud`)}`,
        `      values   = [${(0,quoting/* hclString */.ZK)(audience)}]`,
        '    }',
        '    condition {',
        '      test     = "StringLike"',
        `      variable = ${(0,quoting/* hclString */.ZK)(`${issuer}:sub`)}`,
        `      values   = [${subjects.map(quoting/* hclString */.ZK).join(', ')}]`,
        '    }',
        '  }',
        '}',
        '',
        `resource "aws_iam_role" "github_actions" {`,
        `  name               = ${(0,quoting/* hclString */.ZK)(roleName)}`,
        '  assume_role_policy = data.aws_iam_policy_document.github_trust.json',
        '}'
    ], 'hcl'), '', '</details>');
    return lines.join('\n');
}

// EXTERNAL MODULE: ./src/oidc/claims.ts
var claims = __webpack_require__(2704);
// EXTERNAL MODULE: ./src/oidc/eks.ts
var eks = __webpack_require__(3088);
// EXTERNAL MODULE: ./src/report/oidc-words.ts
var oidc_words = __webpack_require__(8409);
;// CONCATENATED MODULE: ./src/report/oidc-doctor.ts





/** The claims every trust policy can condition on (`sub`, `aud`); others are not certain. */
const CONDITION_CLAIMS = ['sub', 'aud'];
/** Claims named by a condition of the evaluated trust policy that this token fails. */
function failingClaims(oidc) {
    const failing = new Set();
    for (const statement of oidc.trustPolicy?.statements ?? [])
        for (const condition of statement.conditions)
            if (condition.result === 'fails')
                failing.add(condition.key.toLowerCase().split(':').pop() ?? '');
    return failing;
}
function claimRows(oidc, names) {
    return [
        '| Claim | Value |',
        '|---|---|',
        ...names.map(name => `| ${(0,markdown/* cell */.Hn)((0,markdown/* code */.aY)(name))} | ${(0,markdown/* cell */.Hn)((0,markdown/* code */.aY)(oidc.claims[name] ?? ''))} |`)
    ];
}
/**
 * The claims that differ from the policy, then those a policy can condition on, in the main
 * text; every other claim collapsed, still one click away.
 */
function claimsTable(oidc) {
    const names = [...claims/* SHOWN_CLAIMS */.uZ, 'exp'].filter(name => oidc.claims[name] !== undefined);
    if (names.length === 0)
        return ['No token was obtained, so there are no claims to show.', ''];
    const failing = failingClaims(oidc);
    const first = [
        ...names.filter(name => failing.has(name)),
        ...names.filter(name => !failing.has(name) && CONDITION_CLAIMS.includes(name))
    ];
    const rest = names.filter(name => !first.includes(name));
    return [
        ...claimRows(oidc, first),
        '',
        ...(rest.length === 0
            ? []
            : [
                `<details><summary>The token's other ${rest.length} claims</summary>`,
                '',
                ...claimRows(oidc, rest),
                '',
                '</details>',
                ''
            ])
    ];
}
function outcomeLine(oidc) {
    if (oidc.assumedIdentity !== undefined)
        return `✅ STS accepted the token: assumed ${(0,markdown/* code */.aY)(oidc.assumedIdentity.arn)} (account ${(0,markdown/* code */.aY)(oidc.assumedIdentity.account)}). Nothing was exported.`;
    if (oidc.stsError !== undefined)
        return `❌ STS refused \`AssumeRoleWithWebIdentity\` with ${(0,markdown/* code */.aY)(oidc.stsError.code)}: "${(0,markdown/* escapeText */.X1)(oidc.stsError.message)}"`;
    return '⏭️ AssumeRoleWithWebIdentity was not tried (see the findings above).';
}
function evaluationTable(evaluation) {
    const rows = [];
    for (const statement of evaluation.statements) {
        const head = (0,markdown/* cell */.Hn)(`${(0,oidc_words/* statementText */.t6)(statement.name)} (${(0,markdown/* escapeText */.X1)(statement.effect)})`);
        if (!statement.principalMatches)
            rows.push(`| ${head} | Principal | ${(0,markdown/* cell */.Hn)((0,markdown/* code */.aY)(statement.principal.join(', ') || '(none)'))} | ${(0,markdown/* cell */.Hn)((0,markdown/* code */.aY)(evaluation.providerArn))} | ❌ |`);
        if (!statement.actionMatches)
            rows.push(`| ${head} | Action | ${(0,markdown/* cell */.Hn)((0,markdown/* code */.aY)(statement.actions.join(', ') || '(none)'))} | \`sts:AssumeRoleWithWebIdentity\` | ❌ |`);
        for (const condition of statement.conditions) {
            const mark = condition.unverified === true
                ? '❔'
                : condition.result === 'holds'
                    ? '✅'
                    : condition.result === 'fails'
                        ? '❌'
                        : '❔';
            const hint = condition.unverified === true
                ? ' unverifiable: the token matches, but AWS does not document this claim as a condition key, and a key STS does not provide fails'
                : condition.hint === undefined
                    ? ''
                    : ` ${(0,markdown/* cell */.Hn)((0,oidc_words/* hintText */.dx)(condition.hint))}`;
            rows.push(`| ${head} | ${(0,markdown/* cell */.Hn)((0,markdown/* code */.aY)(condition.operator))} ${(0,markdown/* cell */.Hn)((0,markdown/* code */.aY)(condition.key))} | ${(0,markdown/* cell */.Hn)((0,markdown/* code */.aY)(condition.expected.join(', ')))} | ${condition.actual === undefined ? '(no such claim)' : (0,markdown/* cell */.Hn)((0,markdown/* code */.aY)(condition.actual.join(', ')))} | ${mark}${hint} |`);
        }
        if (statement.conditions.length === 0 && statement.principalMatches && statement.actionMatches)
            rows.push(`| ${head} | (no conditions) | | | ${statement.applies ? '✅' : '❌'} |`);
    }
    return [
        `Read with \`iam:GetRole\` and evaluated against this token (decision: **${evaluation.decision}**):`,
        '',
        '| Statement | Condition | Policy expects | Token has | |',
        '|---|---|---|---|---|',
        ...rows,
        ''
    ];
}
/** What the explanation of a refused token is built from: the token's claims and the policy read. */
function mismatchInput(oidc) {
    const sub = oidc.claims.sub;
    return {
        roleArn: oidc.roleArn ?? '',
        audiences: (oidc.claims.aud ?? '').split(', ').filter(item => item !== ''),
        claims: oidc.claims,
        ...(sub === undefined ? {} : { sub }),
        ...(oidc.claims.iss === undefined ? {} : { issuer: oidc.claims.iss }),
        ...(oidc.trustPolicy === undefined ? {} : { evaluation: oidc.trustPolicy })
    };
}
function mismatchSection(oidc) {
    const input = mismatchInput(oidc);
    const reasons = (0,oidc_words/* splitMismatchReasons */.QX)(input);
    const lines = [
        '#### Why the trust policy refuses this token',
        '',
        `The reasons this token is consistent with, most likely first (the claims they turn on are in the table above):`,
        '',
        ...reasons.applicable.map((reason, index) => `${index + 1}. ${reason}`),
        ''
    ];
    if (reasons.others.length > 0)
        lines.push(`<details><summary>${reasons.others.length} other usual reasons, which this token's claims do not point at</summary>`, '', ...reasons.others.map(reason => `- ${reason}`), '', '</details>', '');
    if (oidc.trustPolicy !== undefined)
        lines.push(...evaluationTable(oidc.trustPolicy));
    else if (oidc.trustPolicyUnavailable !== undefined)
        lines.push(`The role's trust policy was ${(0,oidc_words/* lookupNote */.ju)(oidc.trustPolicyUnavailable)}.`, '');
    const variants = (0,oidc_words/* suggestedPolicies */.CD)(input);
    const [exact, ...others] = variants;
    if (exact !== undefined) {
        lines.push(`#### A trust policy that accepts this ${(0,eks/* eksIssuer */.Fe)(oidc.claims.iss) === undefined ? 'workflow' : 'service account'}`, '', `**${exact.title}.** ${exact.description}`, '', ...(0,markdown/* fencedBlock */.zW)([exact.policy], 'json'), '');
        for (const variant of others) {
            lines.push(`<details><summary>${variant.title}</summary>`, '', variant.description, '', ...(0,markdown/* fencedBlock */.zW)([variant.policy], 'json'), '', '</details>', '');
        }
    }
    return lines;
}
function renderOidcDoctor(report) {
    const oidc = report.remote.oidc;
    if (oidc === undefined)
        return [];
    const heading = oidc.tokenSource === 'github-oidc'
        ? `### OIDC: ${oidc.roleArn === undefined || oidc.roleArn === '' ? "this job's token" : (0,markdown/* code */.aY)(oidc.roleArn)}`
        : `### Web identity token: ${(0,markdown/* code */.aY)(oidc.tokenFile ?? '')} → ${(0,markdown/* code */.aY)(oidc.roleArn ?? '')}`;
    const lines = [heading, '', ...claimsTable(oidc)];
    const sub = oidc.claims.sub;
    if (sub !== undefined)
        lines.push(`Shape of \`sub\`: ${(0,oidc_words/* describeShape */.vJ)((0,oidc_sub/* parseSub */.ur)(sub))}.`, '');
    lines.push(outcomeLine(oidc), '');
    if (report.findings.some(item => item.id === 'oidc-trust-policy-mismatch'))
        lines.push(...mismatchSection(oidc));
    return lines;
}

;// CONCATENATED MODULE: ./src/report/rerun.ts
/**
 * The one sentence people most want when a deploy fails: will re-running help? From the
 * registry's `retry` class of the findings that set the status (see `retryOf`). Pure.
 */


const RERUN_SAFE = 'Re-running is safe and may succeed';
const RERUN_USELESS = 'Re-running will not help';
const CHANGE = {
    'settings-invalid': "the action's inputs",
    'oidc-permission-missing': "the workflow's `permissions` (`id-token: write`)",
    'oidc-provider-missing': "the account's OIDC identity provider",
    'oidc-audience-mismatch': "the OIDC provider's audience or the `audience` input",
    'oidc-trust-policy-mismatch': "the role's trust policy (or the job's environment or ref)",
    'oidc-assume-role-invalid': 'the `role-to-assume` ARN or its trust policy',
    'role-session-duration-exceeded': "the step's `role-duration-seconds`, the role's maximum session duration or its trust policy",
    'region-not-enabled': 'the region, or the regions enabled in the account',
    'clock-skew': "the runner's clock",
    'missing-permissions': "the identity's IAM policies",
    'profile-not-found': 'the profile name or the config files that define it',
    'credentials-file-malformed': 'the shared credentials or config file',
    'precedence-conflict': 'the credential sources the job sets',
    'web-identity-token-invalid': 'the web identity token file',
    'multiple-active-keys': "the IAM user's access keys"
};
/** What has to change before a re-run can pass, for a finding a retry cannot fix. */
function whatMustChange(item) {
    const named = item.mustChange ?? CHANGE[item.id];
    if (named !== undefined)
        return named;
    // A finding about a credential value names it as its source, or concerns one by definition.
    return item.source !== undefined || (0,src_findings/* definitionOf */.Fg)(item.id).concerns.length > 0
        ? 'the credentials (the secrets or variables that set them)'
        : "the workflow's AWS configuration";
}
/** "Re-running is safe…" or "Re-running will not help: …"; undefined for a passing run. */
function rerunSentence(report) {
    const retry = retryOf(report.findings);
    if (retry === undefined)
        return undefined;
    if (retry === 'transient')
        return `${RERUN_SAFE}: the failure is temporary on the AWS or runner side; nothing needs to change.`;
    const first = report.findings.find(item => item.severity !== 'notice' && (0,src_findings/* definitionOf */.Fg)(item.id).retry === 'configuration');
    if (retry === 'configuration' && first !== undefined)
        return `${RERUN_USELESS}: ${whatMustChange(first)} must change first.`;
    return 'Re-running may help if the failure was momentary; if it fails the same way, apply the fix.';
}

;// CONCATENATED MODULE: ./src/report/sources.ts
/**
 * The summary's "Credential sources" section: every place discovery found credentials
 * configured, what became of each (in use, read through a profile chain, skipped and why,
 * shadowed), its non-secret details under readable names, and the shared credentials and
 * config files beneath. Pure. Only labels, ARNs, paths and states are shown; an access key ID
 * only masked.
 */



/**
 * How each `details` key that discovery writes (src/discover/) is named in the table: the
 * word a person knows, or the config file key where that is what they would search for.
 */
const DETAIL_LABELS = {
    roleArn: 'role',
    roleSessionName: 'session name',
    durationSeconds: 'duration (seconds)',
    externalId: 'external ID',
    mfaSerial: 'MFA device',
    tokenFile: 'token file',
    sourceProfile: 'source profile',
    chain: 'chain',
    credentialSource: 'credential_source',
    process: 'credential_process',
    ssoSession: 'SSO session',
    ssoStartUrl: 'SSO start URL',
    ssoRegion: 'SSO region',
    ssoAccountId: 'SSO account',
    ssoRoleName: 'SSO role',
    loginSession: 'login session',
    note: 'note',
    endpoint: 'endpoint',
    authorization: 'authorization',
    probed: 'probed',
    legacyToken: 'legacy token',
    awsCli: 'AWS CLI'
};
/** Details that are a single name, ARN, path or URL, shown as code. */
const CODE_DETAILS = new Set([
    'roleArn',
    'roleSessionName',
    'tokenFile',
    'sourceProfile',
    'ssoStartUrl',
    'ssoRegion',
    'ssoAccountId',
    'ssoRoleName',
    'loginSession'
]);
/** A key discovery adds later still reads as words: `fooBarURL` → `foo bar URL`. */
function detailLabel(key) {
    return DETAIL_LABELS[key] ?? key.replace(/([a-z0-9])([A-Z])/gu, '$1 $2').toLowerCase();
}
const TOKEN_STATE = {
    valid: 'valid',
    missing: 'missing',
    unreadable: 'unreadable',
    empty: 'empty',
    'not-jwt': 'not a JWT',
    expired: 'expired'
};
const FILE_STATE = {
    read: 'read',
    missing: 'does not exist',
    unreadable: 'unreadable',
    'not-a-file': 'not a file',
    'too-large': 'too large to read'
};
/** What became of a source: in use, read through a chain, passed over, or outranked. */
function sourceStatus(source, report) {
    const discovery = report.discovery;
    if (discovery.selected === source)
        return '**in use**';
    if (source.partOf !== undefined) {
        const owner = discovery.sources.find(candidate => candidate.label === source.partOf && candidate.partOf === undefined);
        return `used by ${owner?.profile === undefined ? (0,markdown/* escapeText */.X1)(source.partOf) : `profile "${(0,markdown/* escapeText */.X1)(owner.profile)}"`}`;
    }
    if (source.skipped !== undefined)
        return `skipped: ${(0,markdown/* escapeText */.X1)(source.skipped)}`;
    if (source.kind === 'environment' && discovery.profile.skipsKeyVariables)
        return `shadowed: ${(0,markdown/* originText */.CQ)(discovery.profile.origin)} names profile "${(0,markdown/* escapeText */.X1)(discovery.profile.name)}", so the SDK skips the key variables`;
    return 'shadowed';
}
/** The web identity token file by its state; never the token, and claims only by reference. */
function tokenFilePart(status, report) {
    // A bad state is what the reader came for; a valid one need not shout.
    const state = status.state === 'valid' ? TOKEN_STATE.valid : `**${TOKEN_STATE[status.state]}**`;
    const more = status.state === 'valid'
        ? status.expiresAt === undefined
            ? ', without an expiry'
            : ` until ${status.expiresAt}`
        : status.detail === undefined
            ? ''
            : ` (${(0,markdown/* escapeText */.X1)(status.detail)})`;
    const oidc = report.remote.oidc;
    const claimsShown = oidc?.tokenSource === 'web-identity-file' &&
        oidc.tokenFile === status.path &&
        Object.keys(oidc.claims).length > 0;
    return `${detailLabel('tokenFile')}: ${(0,markdown/* code */.aY)(status.path)}, ${state}${more}${claimsShown ? '; its claims are in the web identity token section above' : ''}`;
}
function detailParts(source, report) {
    const parts = [];
    const tokenFile = source.tokenFile;
    for (const [key, value] of Object.entries(source.details)) {
        if (tokenFile !== undefined && key === 'tokenFile')
            parts.push(tokenFilePart(tokenFile, report));
        else if (value !== '')
            parts.push(`${detailLabel(key)}: ${CODE_DETAILS.has(key) ? (0,markdown/* code */.aY)(value) : (0,markdown/* escapeText */.X1)(value)}`);
    }
    if (tokenFile !== undefined && source.details.tokenFile === undefined)
        parts.push(tokenFilePart(tokenFile, report));
    return parts;
}
/** The access key ID as it may be shown: masked, and only when there is one. */
function maskedKey(source) {
    const key = source.credentials?.accessKeyId?.raw;
    return key === undefined || key === '' ? undefined : (0,markdown/* code */.aY)((0,redact/* maskAccessKeyId */.BT)(key));
}
/**
 * Where each credential value was read, one per line, with the workflow line and secret
 * behind it; the key ID (masked) beside the value it is.
 */
function valueLines(source, references) {
    const credentials = source.credentials ?? {};
    const values = Object.values(credentials);
    const key = maskedKey(source);
    const files = values.flatMap(value => (value.origin.kind === 'file' ? [value.origin] : []));
    const [first] = files;
    // A profile's keys sit on neighbouring lines of one file: name the file once.
    if (first !== undefined &&
        files.length === values.length &&
        files.every(origin => origin.path === first.path)) {
        const lines = files.map(origin => origin.line).join(', ');
        return [
            `${(0,markdown/* code */.aY)(first.path)} ${files.length === 1 ? 'line' : 'lines'} ${lines}${key === undefined ? '' : `: key ${key}`}`
        ];
    }
    return values.map(value => {
        const line = references.lineOf(value.origin);
        const from = line === undefined
            ? ''
            : ` ← ${line.secret === undefined ? (line.variable === undefined ? 'workflow' : `variable ${(0,markdown/* code */.aY)(line.variable)}`) : `secret ${(0,markdown/* code */.aY)(line.secret)}`} (${(0,markdown/* escapeText */.X1)(line.file.split('/').pop() ?? line.file)}:${line.line})`;
        const shown = value === credentials.accessKeyId && key !== undefined
            ? `: ${key}`
            : value.raw === ''
                ? ' (empty)'
                : '';
        return `${(0,markdown/* originText */.CQ)(value.origin)}${shown}${from}`;
    });
}
/**
 * What a provider this action asks itself (a process, the container endpoint, IMDS) answered,
 * one line per request or run, from the checks that recorded it; where another source is in
 * use, that it was not asked. Only what was actually asked is shown.
 */
function answeredParts(source, report) {
    const name = model/* PROVIDER_CHECK */.zC[source.kind];
    if (name === undefined || source.partOf !== undefined)
        return [];
    const selected = report.discovery.selected;
    if (selected !== source)
        return selected === undefined
            ? []
            : [`answered: not asked, the ${(0,markdown/* escapeText */.X1)(selected.label)} is in use`];
    const answers = report.remote.checks.filter(check => check.name === name);
    return answers.map(check => `answered: ${(0,markdown/* escapeText */.X1)(check.detail)}`);
}
function sourceRow(source, report, references) {
    // One fact per line: a chain or an SSO profile has several, each with commas of its own.
    const lines = [
        ...valueLines(source, references),
        ...detailParts(source, report),
        ...answeredParts(source, report)
    ];
    // The kind (as the `credential-source` output names it) under the label, rather than in a
    // column of its own: the details need the width more.
    return `| ${(0,markdown/* cell */.Hn)((0,markdown/* escapeText */.X1)(source.label))}<br>${(0,markdown/* code */.aY)(source.kind)} | ${(0,markdown/* cell */.Hn)(sourceStatus(source, report))} | ${lines.map(markdown/* cell */.Hn).join('<br>')} |`;
}
function issueCount(issues) {
    if (issues.length === 0)
        return 'no issues';
    const breaking = issues.filter(issue => issue.breaksCli).length;
    return `${issues.length} ${issues.length === 1 ? 'issue' : 'issues'}${breaking === 0 ? '' : ` (${breaking} ${breaking === 1 ? 'breaks' : 'break'} the AWS CLI)`}`;
}
/** One line per shared file: where, whether it was read, and how many problems it has. */
function sharedFileLine(file) {
    const name = file.kind === 'credentials' ? 'Shared credentials file' : 'Config file';
    const from = file.origin.kind === 'default' ? '' : ` (from ${(0,markdown/* originText */.CQ)(file.origin)})`;
    const state = `${FILE_STATE[file.state]}${file.detail === undefined ? '' : ` (${(0,markdown/* escapeText */.X1)(file.detail)})`}`;
    if (file.state !== 'read')
        return `- ${name} ${(0,markdown/* code */.aY)(file.display)}${from}: ${state}`;
    const profiles = `${file.profiles.length} ${file.profiles.length === 1 ? 'profile' : 'profiles'}`;
    const ignored = file.ignoredSections.length;
    return `- ${name} ${(0,markdown/* code */.aY)(file.display)}${from}: ${state}, ${profiles}, ${issueCount(file.issues)}${ignored === 0 ? '' : `, ${ignored} ${ignored === 1 ? 'section' : 'sections'} the SDKs ignore`}`;
}
function sourcesSection(report, references) {
    const sources = report.discovery.sources;
    const files = report.discovery.shared?.files ?? [];
    const table = sources.length === 0
        ? ['No credential source is configured on this runner.']
        : [
            '| Source | Status | Details |',
            '|---|---|---|',
            ...sources.map(source => sourceRow(source, report, references))
        ];
    return [
        '### Credential sources',
        '',
        ...table,
        '',
        ...(files.length === 0 ? [] : [...files.map(sharedFileLine), ''])
    ];
}

;// CONCATENATED MODULE: ./src/report/summary.ts
/**
 * The job summary as Markdown, for a person who has ten seconds: the verdict and its one cause
 * first, then the identity, then each finding with what it means here, its evidence and the
 * fix for this repository, then the checks made and the credential sources. Pure; the
 * publisher writes it through the redactor.
 */











const ICON = { error: '❌', warning: '⚠️', notice: 'ℹ️' };
const STATUS_ICON = { pass: '✅', warn: '⚠️', fail: '❌' };
const OUTCOME_ICON = { pass: '✅', fail: '❌', warn: '⚠️', skip: '⏭️', info: 'ℹ️' };
/** The heading a person reads first: pass, or the one cause that matters most. */
function verdictTitle(report) {
    const cause = report.findings.find(item => item.id === report.cause);
    if (report.status === 'pass')
        return 'AWS credentials work';
    const word = report.status === 'fail' ? 'AWS credentials fail' : 'AWS credentials work, but';
    return `${word}: ${cause?.title ?? report.cause}`;
}
/** The one step that fixes the cause: the first with a command, else the first. */
function mainStep(item, report, references) {
    const steps = repositoryFix(item, report, references);
    return steps.find(step => step.command !== undefined) ?? steps[0];
}
function verdict(report, references, shown) {
    const cause = report.findings.find(item => item.id === report.cause);
    const identity = report.remote.identity;
    const lines = [`## ${STATUS_ICON[report.status]} ${verdictTitle(report)}`, ''];
    if (report.status === 'pass') {
        const source = report.discovery.selected?.label ?? report.outputs[OUTPUT.credentialSource];
        lines.push(identity === undefined
            ? 'No error or warning was found.'
            : `STS accepted the credentials from ${source === undefined ? 'the default chain' : (0,markdown/* escapeText */.X1)(source)}: ${(0,markdown/* code */.aY)(identity.arn)}.`, '');
    }
    else if (cause !== undefined) {
        lines.push(`**Cause:** ${(0,markdown/* code */.aY)(cause.id)}: ${splitMessage(cause.message).head}`, '');
        const fix = mainStep(cause, report, references);
        if (fix !== undefined)
            shown.add(stepKey(fix));
        lines.push(`**Fix:** ${fix?.text ?? splitMessage(cause.remediation).head}`, ...(fix === undefined || fix.command === undefined ? [] : ['', ...commandBlock(fix, '')]), '');
    }
    const rerun = rerunSentence(report);
    if (rerun !== undefined)
        lines.push(`**Re-run:** ${rerun}`, '');
    const others = report.findings.filter(item => item.severity !== 'notice' && item.id !== report.cause).length;
    if (others > 0)
        lines.push(`${others} more ${others === 1 ? 'finding' : 'findings'} below, most specific first.`, '');
    return lines;
}
/**
 * A source as the identity table names it: its label, with its kind in front where the label
 * does not start with it already (`environment AWS_ACCESS_KEY_ID / …` says its kind itself).
 */
function sourceName(source) {
    const label = (0,markdown/* escapeText */.X1)(source.label);
    return source.label.toLowerCase().startsWith(source.kind.replace(/-/gu, ' '))
        ? label
        : `${(0,markdown/* code */.aY)(source.kind)}: ${label}`;
}
function identityTable(report) {
    const outputs = report.outputs;
    const rows = [];
    const identity = report.remote.identity;
    const account = outputs[OUTPUT.accountId] ?? '';
    if (account !== '')
        rows.push([
            'Account',
            identity === undefined
                ? `${(0,markdown/* code */.aY)(account)} (decoded from the key ID; STS did not confirm it)`
                : (0,markdown/* code */.aY)(account)
        ]);
    if (identity !== undefined) {
        rows.push(['ARN', (0,markdown/* code */.aY)(identity.arn)]);
        rows.push(['Principal', (0,markdown/* code */.aY)(identity.principalType)]);
    }
    const key = outputs[OUTPUT.accessKeyId] ?? '';
    if (key !== '')
        rows.push(['Access key', (0,markdown/* code */.aY)(key)]);
    const selected = report.discovery.selected;
    rows.push([
        'Source',
        selected === undefined ? (0,markdown/* code */.aY)(outputs[OUTPUT.credentialSource] ?? 'none') : sourceName(selected)
    ]);
    const region = report.discovery.region;
    rows.push([
        'Region',
        `${(0,markdown/* code */.aY)(region.value)} (${region.origin.kind === 'default' ? 'default' : (0,markdown/* originText */.CQ)(region.origin)})`
    ]);
    const age = outputs[OUTPUT.keyAgeDays] ?? '';
    if (age !== '')
        rows.push(['Key age', `${age} days`]);
    const sub = outputs[OUTPUT.oidcSub] ?? '';
    if (sub !== '')
        rows.push(['OIDC `sub`', (0,markdown/* code */.aY)(sub)]);
    return [
        '| Identity | |',
        '|---|---|',
        ...rows.map(([name, value]) => `| ${name} | ${(0,markdown/* cell */.Hn)(value)} |`)
    ];
}
/** A step's command as a fenced block, indented by `indent` (under a list item). */
function commandBlock(step, indent) {
    if (step.command === undefined)
        return [];
    return (0,markdown/* fencedBlock */.zW)(step.command.split('\n'), step.language ?? 'sh').map(line => `${indent}${line}`);
}
/** Numbered steps; commands as fenced blocks indented under their step. */
function renderSteps(steps) {
    return steps.flatMap((step, index) => [
        `${index + 1}. ${step.text}`,
        ...(step.command === undefined ? [] : ['', ...commandBlock(step, '   '), ''])
    ]);
}
/**
 * The names a piece of Markdown shows: its code spans and its URLs. A section writes each once:
 * the evidence leaves out what the message and the fix already name.
 */
function namesIn(text) {
    const names = new Set();
    for (const match of text.matchAll(/(`+)([^`]+?)\1/gu))
        names.add(match[2]?.trim() ?? '');
    // Quoted messages (what a tool printed) are names too: the evidence need not quote them twice.
    for (const match of text.matchAll(/"([^"\n]{8,})"/gu))
        names.add(match[1] ?? '');
    for (const match of text.matchAll(/https?:\/\/[^\s`)]+/gu))
        names.add(match[0].replace(/[.,;:]+$/u, ''));
    names.delete('');
    return names;
}
/**
 * An evidence line that adds nothing to what the section already said: the same sentence, or
 * a label of a few words and names that were all named already (`endpoint https://…` under a
 * message that quotes the endpoint).
 */
function repeats(line, said, saidNames) {
    const text = line.replace(/\.$/u, '').trim();
    if (text !== '' && said.includes(text))
        return true;
    // `sub: repo:…` under a message that quotes the same value.
    const labelled = /^[\w .-]{1,30}: (.+)$/u.exec(text)?.[1]?.trim();
    if (labelled !== undefined && labelled.length >= 8 && said.includes(labelled))
        return true;
    return onlyNamesSaid(text, saidNames);
}
/** A line of a few words beside names that were all named already. */
function onlyNamesSaid(text, saidNames) {
    const names = namesIn(text);
    if (names.size === 0 || [...names].some(name => !saidNames.has(name)))
        return false;
    let rest = text;
    for (const name of names)
        rest = rest.split(name).join(' ');
    const words = rest
        .replace(/[`:,()]/gu, ' ')
        .trim()
        .split(/\s+/u)
        .filter(word => word !== '');
    return words.length <= 4;
}
/**
 * Where the workflow sets the finding's values, one line per workflow file: the file named
 * once, each value with its line and the secret behind it.
 */
function setByLines(values, saidNames) {
    const byFile = new Map();
    for (const value of values) {
        const file = value.reference?.file;
        if (file !== undefined)
            byFile.set(file, [...(byFile.get(file) ?? []), value]);
    }
    return [...byFile].map(([file, set]) => `Set by ${set
        .map(value => describeValue(value, {
        file: false,
        secret: value.reference?.secret === undefined || !saidNames.has(value.reference.secret)
    }))
        .join(' and ')} in ${saidNames.has(file) ? 'the workflow file' : (0,markdown/* code */.aY)(file)}.`);
}
function findingEvidence(item, references, said) {
    const saidNames = namesIn(said);
    const evidence = [];
    for (const line of item.evidence ?? []) {
        if (repeats(line, said, saidNames))
            continue;
        evidence.push(line);
        for (const name of namesIn(line))
            saidNames.add(name);
        said = `${said}\n${line}`;
    }
    return [...evidence, ...setByLines(references.valuesOf(item), saidNames)];
}
/** A step's identity, to say each fix once per summary. */
function stepKey(step) {
    // Two findings' steps often differ in wording around the same command: the command is the step.
    return step.command ?? step.text;
}
/**
 * Where a sentence ends: after `.`, `!` or `?` (not one escaped inside a value), before a
 * capital, a code span or a quote.
 */
const SENTENCE_END = /(?<=(?<!\\)[.!?])\s+(?=[A-Z`"])/gu;
/**
 * A paragraph's sentences, each exactly as written with the white space that follows it. A code span holds a value, and `. X` inside
 * one ends no sentence: the span is never cut, nor its spaces changed.
 */
function sentencesOf(paragraph) {
    // The same text with the spaces inside code spans hidden, at the same offsets.
    const masked = (0,markdown/* inlineSegments */.Uy)(paragraph)
        .map(segment => (segment.kind === 'code' ? segment.raw.replace(/\s/gu, '_') : segment.raw))
        .join('');
    const sentences = [];
    let start = 0;
    for (const match of masked.matchAll(SENTENCE_END)) {
        // Each sentence keeps the white space after it: a value in the text (an STS message, a
        // claim) keeps its own runs of spaces when the sentences are put back together.
        const end = match.index + match[0].length;
        sentences.push(paragraph.slice(start, end));
        start = end;
    }
    sentences.push(paragraph.slice(start));
    return sentences;
}
/** Where the verdict stops quoting a long first paragraph: whole sentences up to about this. */
const HEAD_LENGTH = 300;
/**
 * A finding's message as its lead (what the verdict quotes: the first paragraph, or its first
 * sentences where it is long) and the rest (lists of likely causes, details), which only the
 * finding's own section shows.
 */
function splitMessage(message) {
    const [first = '', ...paragraphs] = message.split(/\n\s*\n/u);
    const sentences = sentencesOf(first.trim());
    let count = 0;
    let length = 0;
    while (count < sentences.length &&
        (count === 0 || length + (sentences[count]?.length ?? 0) <= HEAD_LENGTH)) {
        length += sentences[count]?.length ?? 0;
        count += 1;
    }
    const tail = sentences.slice(count).join('');
    return {
        head: sentences.slice(0, count).join('').replace(/\s+$/u, ''),
        rest: [tail, ...paragraphs.map(text => text.trim())].filter(text => text !== '').join('\n\n')
    };
}
/** The steps of a finding's fix that the summary has not shown yet, as lines. */
function ownSteps(fresh, repeated, where) {
    const [only] = fresh;
    if (only === undefined)
        return ['The fix above applies here too.', ''];
    // One step beside the verdict's (the settings page, a caveat): a sentence, not a list.
    if (repeated && fresh.length === 1)
        return [
            `The fix above applies here too. ${only.text}`,
            '',
            ...(only.command === undefined ? [] : [...commandBlock(only, ''), ''])
        ];
    return [
        ...(repeated ? ['The fix above applies here too.', ''] : []),
        `**${repeated ? 'Also, in' : 'In'} ${where}:**`,
        '',
        ...renderSteps(fresh),
        ''
    ];
}
/**
 * The finding's fix, without the steps the summary already showed: the cause's main step is in
 * the verdict, and two findings often share a step (the same `gh secret set`). The general
 * remediation stays reachable, collapsed, where the steps for this repository come first.
 */
function fixOf(item, report, references, shown) {
    const steps = repositoryFix(item, report, references);
    const fresh = steps.filter(step => !shown.has(stepKey(step)));
    const repeated = fresh.length < steps.length;
    for (const step of fresh)
        shown.add(stepKey(step));
    // Without steps of its own the verdict quoted the remediation's lead: the section has it all.
    if (steps.length === 0)
        return [`**How to fix:** ${item.remediation}`, ''];
    const repository = report.discovery.github.repository;
    const where = repository === undefined ? 'this repository' : (0,markdown/* code */.aY)(repository);
    const own = ownSteps(fresh, repeated, where);
    return [
        ...own,
        `<details><summary>Other ways to fix it</summary>`,
        '',
        item.remediation,
        '',
        '</details>',
        ''
    ];
}
function renderFinding(item, report, references, shown) {
    // The cause's first paragraph is the verdict's; its section adds only the rest.
    const message = item.id === report.cause ? splitMessage(item.message).rest : item.message;
    const fix = fixOf(item, report, references, shown);
    const fixText = fix.join('\n').replace(/<details>[\s\S]*?<\/details>/gu, '');
    // The source is named once: not again beside the ID where the message names it.
    const source = item.source === undefined || message.includes(item.source)
        ? ''
        : ` · ${(0,markdown/* escapeText */.X1)(item.source)}`;
    const lines = [
        `#### ${ICON[item.severity]} ${item.title}`,
        '',
        `${(0,markdown/* code */.aY)(item.id)} · ${item.severity}${source}`,
        ''
    ];
    if (message !== '')
        lines.push(message, '');
    // The verdict quoted the cause's lead: the evidence need not repeat that either.
    const evidence = findingEvidence(item, references, [item.title, item.message, fixText].join('\n'));
    if (evidence.length > 0)
        lines.push('**Evidence**', '', ...evidence.map(line => `- ${line}`), '');
    lines.push(...fix);
    // The ID is in the line under the title: the link need not say it again.
    lines.push(`📖 ${(0,markdown/* link */.nf)('Causes and fixes', docsUrl(item.id, report.discovery.github))}`, '');
    return lines;
}
function noticesSection(report) {
    const notices = report.findings.filter(item => item.severity === 'notice');
    if (notices.length === 0)
        return [];
    return [
        '### Notices',
        '',
        ...notices.map(item => `- ${ICON.notice} **${item.title}** (${(0,markdown/* link */.nf)((0,markdown/* code */.aY)(item.id), docsUrl(item.id, report.discovery.github))}): ${item.message}`),
        ''
    ];
}
/** The offline checks as one row: every ID they looked for, and which of them were found. */
function offlineChecksRow(report) {
    const ids = [...new Set(CHECKS.flatMap(check => check.ids))];
    // An ID the offline checks share with the remote phase (no-credentials after a refused
    // AssumeRole, region-invalid from STS's answer) counts only where an offline check found it.
    const offline = report.findings.filter(item => !report.remote.findings.some(other => other.id === item.id && other.title === item.title));
    const found = ids.filter(id => offline.some(item => item.id === id));
    const problems = found.filter(id => offline.some(item => item.id === id && item.severity !== 'notice'));
    const outcome = problems.length > 0 ? OUTCOME_ICON.fail : OUTCOME_ICON.pass;
    const detail = found.length === 0
        ? `looked for ${ids.length} problems, found none`
        : `looked for ${ids.length} problems, found ${found.map(id => (0,markdown/* code */.aY)(id)).join(', ')}`;
    return `| ${outcome} | Offline checks of the values (format, characters, pairing) | ${detail} |`;
}
function checksSection(report) {
    return [
        '### Checks',
        '',
        '| | Check | Result |',
        '|---|---|---|',
        offlineChecksRow(report),
        ...report.remote.checks.map(check => `| ${OUTCOME_ICON[check.outcome]} | ${(0,markdown/* cell */.Hn)(check.name)} | ${(0,markdown/* cell */.Hn)(check.detail)} |`),
        ''
    ];
}
function oidcGuideSection(report, references, options) {
    if (!showsOidcGuide(report, options.oidcGuide === true))
        return [];
    return [
        '<details><summary><b>Move this workflow to OIDC</b>: short-lived credentials instead of stored keys, step by step for this repository</summary>',
        '',
        renderOidcGuide(report, references, {
            ...(options.audience === undefined ? {} : { audience: options.audience })
        }),
        '',
        '</details>',
        ''
    ];
}
/** A section of the summary, from its lines; the note names it where it is left out. */
function section(name, priority, lines) {
    return lines.length === 0 ? [] : [{ name, priority, text: lines.join('\n') }];
}
/**
 * The summary's sections in their order, each with how much it matters where the whole is too
 * large for GitHub: the verdict and the errors are never left out; the migration guide, then
 * the sources, the checks, the notices, the OIDC diagnosis, the warnings (the last first) and
 * the identity are.
 */
function summarySections(report, options = {}) {
    const references = new ReportReferences(report.discovery);
    // Each fix step is written once: the verdict's first, then each finding's new ones.
    const shown = new Set();
    const important = report.findings.filter(item => item.severity !== 'notice');
    return [
        ...section('Verdict', 'required', verdict(report, references, shown)),
        ...section('Identity', 6, identityTable(report).concat('')),
        ...section('Findings', 'required', important.length === 0 ? [] : ['### Findings', '']),
        ...important.flatMap(item => section(`${item.severity} ${(0,markdown/* code */.aY)(item.id)}`, item.severity === 'error' ? 'required' : 5, renderFinding(item, report, references, shown))),
        // The OIDC diagnosis (src/report/oidc-doctor.ts) renders here, between findings and checks.
        ...section('OIDC diagnosis', 4, renderOidcDoctor(report)),
        ...section('Notices', 3, noticesSection(report)),
        ...section('Checks', 2, checksSection(report)),
        ...section('Credential sources', 1, sourcesSection(report, references)),
        ...section('Move this workflow to OIDC', 0, oidcGuideSection(report, references, options))
    ];
}
function renderSummary(report, options = {}) {
    const finish = options.finish ?? ((text) => text);
    const sections = summarySections(report, options).map(item => ({
        ...item,
        text: finish(item.text)
    }));
    return fitSections(sections, SUMMARY_BUDGET).text;
}

;// CONCATENATED MODULE: ./src/report/pr-comment.ts







const MARKER_PREFIX = '<!-- aws-credentials-doctor';
/** Text safe inside an HTML comment: no `--`, no `>`. */
function commentSafe(text) {
    return text.replace(/-{2,}/gu, '-').replace(/>/gu, '');
}
/** The hidden marker that names the workflow and job the comment belongs to. */
function commentMarker(report) {
    const github = report.discovery.github;
    const workflow = report.discovery.workflow?.path ?? github.workflow ?? 'workflow';
    return `${MARKER_PREFIX} workflow="${commentSafe(workflow)}" job="${commentSafe(github.job ?? 'job')}" -->`;
}
/**
 * The short version of the summary: verdict, the cause, the fix, and where to read more,
 * within GitHub's limit for a comment. `finish` is what the publisher does to the text before
 * it is measured (redaction, long values shortened).
 */
function renderComment(report, finish = text => text) {
    const github = report.discovery.github;
    const references = new ReportReferences(report.discovery);
    const cause = report.findings.find(item => item.id === report.cause);
    const lines = [
        commentMarker(report),
        `### ${STATUS_ICON[report.status]} ${(0,markdown/* withoutMentions */.Cw)(verdictTitle(report))}`,
        ''
    ];
    if (cause === undefined) {
        const identity = report.remote.identity;
        if (identity !== undefined)
            lines.push(`STS accepted the credentials: ${(0,markdown/* code */.aY)(identity.arn)}.`, '');
    }
    else {
        lines.push(`**${(0,markdown/* code */.aY)(cause.id)}**: ${(0,markdown/* withoutMentions */.Cw)(cause.message)}`, '', `**How to fix:** ${(0,markdown/* withoutMentions */.Cw)(cause.remediation)}`, '');
        const steps = repositoryFix(cause, report, references);
        if (steps.length > 0)
            lines.push(...renderSteps(steps.map(step => ({ ...step, text: (0,markdown/* withoutMentions */.Cw)(step.text) }))), '');
        const others = report.findings.filter(item => item.severity !== 'notice' && item !== cause);
        if (others.length > 0)
            lines.push(`Also: ${others.map(item => (0,markdown/* code */.aY)(item.id)).join(', ')}.`, '');
    }
    const bodyEnd = lines.length;
    const server = github.serverUrl ?? 'https://github.com';
    const links = [
        github.repository === undefined || github.runId === undefined
            ? undefined
            : (0,markdown/* link */.nf)('Full report in the job summary', `${server}/${github.repository.split('/').map(markdown/* pathSegment */.pn).join('/')}/actions/runs/${(0,markdown/* pathSegment */.pn)(github.runId)}`),
        cause === undefined ? undefined : (0,markdown/* link */.nf)(`About ${(0,markdown/* code */.aY)(cause.id)}`, docsUrl(cause.id, github))
    ].filter((link) => link !== undefined);
    if (links.length > 0)
        lines.push(links.join(' · '), '');
    lines.push(`<sub>aws-credentials-doctor · ${(0,markdown/* escapeHtml */.ZD)((0,markdown/* breakMentions */.dn)([github.workflow, github.job].filter(part => part !== undefined).join(' / ')))} · updated by run ${(0,markdown/* escapeHtml */.ZD)((0,markdown/* breakMentions */.dn)(github.runId ?? 'unknown'))}</sub>`);
    // The marker and the verdict stay whatever happens: the marker is how the comment is found.
    const sections = [
        { name: 'Verdict', priority: 'required', text: finish(lines.slice(0, 3).join('\n')) },
        { name: 'Cause', priority: 'required', text: finish(lines.slice(3, bodyEnd).join('\n')) },
        { name: 'Links', priority: 0, text: finish(lines.slice(bodyEnd).join('\n')) }
    ];
    return fitSections(sections.filter(item => item.text !== ''), COMMENT_BUDGET).text;
}
/**
 * Whether to comment. `on-failure` comments when the credentials fail, and otherwise only
 * refreshes an earlier comment, so a fixed pull request does not keep showing the failure.
 */
function planComment(report, mode, token) {
    if (mode === 'never')
        return { kind: 'skip' };
    const github = report.discovery.github;
    if (github.pullRequestNumber === undefined)
        return { kind: 'skip', reason: 'this run is not for a pull request' };
    if (github.repository === undefined)
        return { kind: 'skip', reason: 'GITHUB_REPOSITORY is not set' };
    if (token === undefined)
        return { kind: 'skip', reason: 'the `github-token` input is empty' };
    if (github.isForkPullRequest)
        return {
            kind: 'skip',
            reason: 'pull requests from forks get a read-only token, which cannot comment'
        };
    return {
        kind: 'upsert',
        issueNumber: github.pullRequestNumber,
        updateOnly: mode === 'on-failure' && report.status !== 'fail'
    };
}
/**
 * Who writes with the job's `GITHUB_TOKEN`. An installation token (the job's, or another
 * GitHub App's) may not call `GET /user`; where neither that nor GraphQL's `viewer` answers,
 * the token is taken for the input's default, the job's own.
 */
const ACTIONS_BOT = 'github-actions[bot]';
/** GitHub logins are case-insensitive. */
function sameLogin(a, b) {
    return a.toLowerCase() === b.toLowerCase();
}
/**
 * Finds this workflow and job's comment by its marker: updates it, or creates the first one.
 * Only a comment the token's own identity wrote counts: anyone can write the marker, and a
 * planted copy must neither be overwritten nor stop the action from writing its own.
 */
async function upsertComment(api, marker, body, updateOnly) {
    const self = (await api.identity()) ?? ACTIONS_BOT;
    const existing = (await api.list()).find(comment => sameLogin(comment.author, self) && comment.body.includes(marker));
    if (existing !== undefined) {
        await api.update(existing.id, body);
        return { kind: 'updated', id: existing.id };
    }
    if (updateOnly)
        return {
            kind: 'unchanged',
            reason: 'the credentials did not fail and no earlier comment exists'
        };
    return { kind: 'created', id: await api.create(body) };
}
/** The comments API through `@actions/github`'s Octokit, imported only when it is needed. */
async function githubCommentsApi(target) {
    const { getOctokit } = await __webpack_require__.e(/* import() */ 413).then(__webpack_require__.bind(__webpack_require__, 2413));
    const octokit = getOctokit(target.token, {
        ...(target.apiUrl === undefined || target.apiUrl === '' ? {} : { baseUrl: target.apiUrl })
    });
    // `octokit.paginate` drops per-call `request` options, the signal among them, so a silent
    // API hung the step; the hook puts the signal on every request, paginated or not.
    octokit.hook.before('request', options => {
        options.request = { ...options.request, signal: target.signal };
    });
    const [owner = '', repo = ''] = target.repository.split('/');
    const scope = { owner, repo, issue_number: target.issueNumber };
    const request = { signal: target.signal };
    return {
        identity: async () => {
            // A user's token (a PAT) answers `GET /user`; an installation token is refused there
            // ("Resource not accessible by integration") but GraphQL's `viewer` names its bot.
            try {
                return (await octokit.rest.users.getAuthenticated({ request })).data.login;
            }
            catch {
                try {
                    const answer = await octokit.graphql('query { viewer { login } }', { request });
                    return answer.viewer?.login;
                }
                catch {
                    return undefined;
                }
            }
        },
        list: async () => {
            const comments = await octokit.paginate(octokit.rest.issues.listComments, {
                ...scope,
                per_page: 100,
                request
            });
            return comments.map(comment => ({
                id: comment.id,
                body: comment.body ?? '',
                author: comment.user?.login ?? ''
            }));
        },
        create: async (body) => {
            const response = await octokit.rest.issues.createComment({ ...scope, body, request });
            return response.data.id;
        },
        update: async (id, body) => {
            await octokit.rest.issues.updateComment({ owner, repo, comment_id: id, body, request });
        }
    };
}
/** GitHub's refusal of the token, by HTTP status; undefined for any other status. */
function refusalWords(status) {
    if (status === 403 || status === 404)
        return `the token may not comment on this pull request (HTTP ${String(status)}); grant \`permissions: pull-requests: write\` to the job`;
    return status === 401 ? 'the token was rejected (HTTP 401)' : undefined;
}
/** Why a comment could not be written, in words for the log; never fails the step. */
function describeCommentError(error) {
    const refused = refusalWords(typeof error === 'object' && error !== null && 'status' in error
        ? error.status
        : undefined);
    if (refused !== undefined)
        return refused;
    // Abort reasons are DOMExceptions, which need not be `instanceof Error` across realms.
    const name = (0,errors/* errorProperty */.cB)(error, 'name');
    if (name === 'AbortError' || name === 'TimeoutError')
        return 'GitHub did not answer in time';
    const message = (0,errors/* errorProperty */.cB)(error, 'message');
    return message !== undefined && !(error instanceof Error) ? message : (0,errors/* describeError */.Uc)(error);
}

;// CONCATENATED MODULE: ./src/report/terminal.ts

/**
 * Colours when stdout is a terminal and `NO_COLOR` is unset or empty (no-color.org);
 * `FORCE_COLOR` (other than `0`) turns them on for pipes too.
 */
function supportsColor(env, isTTY) {
    if (env.NO_COLOR !== undefined && env.NO_COLOR !== '')
        return false;
    const force = env.FORCE_COLOR;
    if (force !== undefined && force !== '')
        return force !== '0' && force !== 'false';
    return isTTY && env.TERM !== 'dumb';
}
function palette(color) {
    const wrap = (open, close) => (text) => color ? `\u001b[${open}m${text}\u001b[${close}m` : text;
    return {
        bold: wrap(1, 22),
        dim: wrap(2, 22),
        code: wrap(36, 39),
        red: wrap(31, 39),
        green: wrap(32, 39),
        yellow: wrap(33, 39)
    };
}
/** Inline Markdown: links become `text (url)`, code spans coloured, emphasis bold. */
function inline(text, colors) {
    // Links first: a link's label may hold a code span.
    const linked = text.replace(/\[([^\]]+)\]\(([^)\s]+)\)/gu, (_, label, url) => label === url ? colors.dim(url) : `${label} ${colors.dim(`(${url})`)}`);
    return (0,markdown/* inlineSegments */.Uy)(linked)
        .map(segment => segment.kind === 'code'
        ? colors.code((0,markdown/* codeText */.ph)(segment.content).replace(/\\\|/gu, '|'))
        : inlineText(segment.raw, colors))
        .join('');
}
/** Inline Markdown between code spans. */
function inlineText(text, colors) {
    return (text
        // Only the HTML the summary itself writes; `<user>` in a code span is a placeholder to keep.
        .replace(/<\/?(?:br|details|summary|b|i|em|strong|sub|sup|kbd|p|div|span|code)(?:\s[^>]*)?\/?>/giu, '')
        .replace(/\*\*([^*]+)\*\*/gu, (_, body) => colors.bold(body))
        .replace(/\\([!-/:-@[-`{-~])/gu, '$1')
        // Entities last: what they stand for is text, never Markdown.
        .replace(/&#(\d+);|&(amp|lt|gt|quot);/gu, (_, number, name) => number === undefined ? (HTML_NAMED[name] ?? '') : String.fromCharCode(Number(number))));
}
const HTML_NAMED = { amp: '&', lt: '<', gt: '>', quot: '"' };
/** Visible width: escape sequences take none, and emoji take two columns. */
function width(text) {
    // eslint-disable-next-line no-control-regex
    const visible = text.replace(/\u001b\[[0-9;]*m/gu, '').replace(/\uFE0F/gu, '');
    let columns = 0;
    for (const char of visible)
        columns += /\p{Extended_Pictographic}/u.test(char) ? 2 : 1;
    return columns;
}
function splitRow(row) {
    const cells = [];
    let current = '';
    const body = row.trim().replace(/^\|/u, '').replace(/\|$/u, '');
    for (let index = 0; index < body.length; index += 1) {
        const char = body[index];
        if (char === '\\' && body[index + 1] === '|') {
            current += '\\|';
            index += 1;
        }
        else if (char === '|') {
            cells.push(current.trim());
            current = '';
        }
        else
            current += char;
    }
    cells.push(current.trim());
    return cells;
}
/** A cell's lines: `<br>` in a Markdown cell starts a new line in the terminal too. */
function cellLines(value, colors) {
    return value.split(/<br\s*\/?>/u).map(part => inline(part.trim(), colors));
}
function renderTable(rows, colors) {
    const parsed = rows
        .filter(row => !/^\|(\s*:?-+:?\s*\|)+\s*$/u.test(row.trim()))
        .map(row => splitRow(row).map(value => cellLines(value, colors)));
    const header = parsed[0];
    const body = header !== undefined && header.every(value => value.join('') === '') ? parsed.slice(1) : parsed;
    const isHeaded = body !== parsed;
    const columns = Math.max(0, ...body.map(row => row.length));
    const widths = Array.from({ length: columns }, (_, column) => Math.max(0, ...body.flatMap(row => (row[column] ?? []).map(width))));
    // Where a row spans several lines, a blank line between rows shows where each one ends.
    const tall = body.some(row => row.some(lines => lines.length > 1));
    return body.flatMap((row, index) => {
        const height = Math.max(1, ...row.map(lines => lines.length));
        const gap = tall && index > (isHeaded ? 0 : 1) ? [''] : [];
        return gap.concat(Array.from({ length: height }, (_, offset) => {
            const line = row
                .map((lines, column) => {
                const value = lines[offset] ?? '';
                return column === row.length - 1
                    ? value
                    : value + ' '.repeat((widths[column] ?? 0) - width(value));
            })
                .join('  ');
            return `  ${!isHeaded && index === 0 ? colors.bold(line) : line}`.trimEnd();
        }));
    });
}
function heading(level, text, colors) {
    const body = inline(text, colors);
    if (level <= 2) {
        const tint = text.startsWith('✅')
            ? colors.green
            : text.startsWith('⚠️')
                ? colors.yellow
                : text.startsWith('❌')
                    ? colors.red
                    : (value) => value;
        return [colors.bold(tint(body)), colors.dim('═'.repeat(Math.min(72, width(body))))];
    }
    if (level === 3)
        return ['', colors.bold(body.toUpperCase()), ''];
    return [colors.bold(body)];
}
/**
 * The report's words are written for a job on a runner; in a terminal the place is the
 * machine the command runs on. Self-hosted runners stay named where the advice is about them.
 */
const FOR_THIS_MACHINE = [
    [/\b([Tt])his runner\b/gu, '$1his machine'],
    [/\bThe runner(?!s| service)\b/gu, 'This machine'],
    [/\bthe runner(?!s| service)\b/gu, 'this machine']
];
/** The summary's words said of the machine the command runs on instead of a runner. */
function forThisMachine(text) {
    return FOR_THIS_MACHINE.reduce((current, [pattern, words]) => current.replace(pattern, words), text);
}
function renderTerminal(markdown, options) {
    const colors = palette(options.color);
    const out = [];
    const lines = forThisMachine(markdown).split('\n');
    for (let index = 0; index < lines.length; index += 1) {
        const line = lines[index] ?? '';
        const trimmed = line.trim();
        const fence = /^`{3,}/u.exec(trimmed)?.[0];
        if (fence !== undefined) {
            const indent = line.length - line.trimStart().length;
            index += 1;
            // The block ends at its own fence: a longer one is chosen around content with backticks.
            while (index < lines.length && (lines[index] ?? '').trim() !== fence) {
                out.push(`${' '.repeat(indent + 2)}${colors.code((lines[index] ?? '').slice(indent))}`);
                index += 1;
            }
            continue;
        }
        if (trimmed.startsWith('|')) {
            const rows = [];
            while (index < lines.length && (lines[index] ?? '').trim().startsWith('|')) {
                rows.push(lines[index] ?? '');
                index += 1;
            }
            index -= 1;
            out.push(...renderTable(rows, colors));
            continue;
        }
        const summary = /<summary>(.*)<\/summary>/u.exec(trimmed);
        if (summary?.[1] !== undefined) {
            out.push('', colors.bold(`▸ ${inline(summary[1], colors)}`), '');
            continue;
        }
        if (/^<\/?details>$/u.test(trimmed))
            continue;
        const head = /^(#{1,6})\s+(.*)$/u.exec(trimmed);
        if (head?.[1] !== undefined && head[2] !== undefined) {
            out.push(...heading(head[1].length, head[2], colors));
            continue;
        }
        out.push(inline(line, colors));
    }
    // Collapse the runs of blank lines the Markdown spacing leaves behind.
    return out
        .join('\n')
        .replace(/\n{3,}/gu, '\n\n')
        .replace(/^\n+|\n+$/gu, '');
}

// EXTERNAL MODULE: ./src/report/last-resort.ts
var last_resort = __webpack_require__(4128);
// EXTERNAL MODULE: ./src/report/log-line.ts
var log_line = __webpack_require__(8975);
;// CONCATENATED MODULE: ./src/report/publish.ts
/**
 * The only module that writes to the runner: masks, outputs, the job summary, annotations,
 * debug lines, the log, the step's failure and the pull request comment. Every text passes
 * through the redactor on its way out, and every plain log line through `plainLine`.
 *
 * On a runner it speaks the runner's protocol through `@actions/core`, so tools that stand in
 * for the runner (`@github/local-action`) see the masks, outputs and failure too. Outside one
 * (`npm start` on a laptop) it prints the report for a terminal instead, and never echoes
 * `::add-mask::` lines, which there would print the very secrets they mask.
 */
// Named imports only: the bundler keeps what is used.











/** The network budget is spent by then; a comment still gets this much, within the 2 s grace. */
const COMMENT_GRACE_MS = 1000;
const ANNOTATE = {
    error: core/* error */.z3,
    warning: core/* warning */.$e,
    notice: core/* notice */.lm
};
class Publisher {
    env;
    options;
    redactor = new redact/* Redactor */.pO();
    /** Whether it writes to a runner, or to a terminal. */
    onRunner;
    startedAt;
    /** Annotations written, by kind: GitHub shows ten of each per step. */
    annotated = { error: 0, warning: 0, notice: 0 };
    /** Whether `setFailed` will write an error annotation of its own at the end. */
    failing = false;
    constructor(env, options = {}) {
        this.env = env;
        this.options = options;
        this.onRunner = (0,discover_github/* isOnRunner */.q)(env);
        this.startedAt = (options.now ?? Date.now)();
    }
    /** Registers a secret with the runner (`core.setSecret`) and with the redactor. */
    mask(value) {
        const added = this.redactor.add(value);
        if (this.onRunner)
            for (const form of added)
                (0,core/* setSecret */.Pq)(form);
    }
    clean(text) {
        return this.redactor.redact(text);
    }
    /** Redacted, then long values shortened: a cut made before redaction could keep a secret's part. */
    finish(text) {
        return shortenValues(this.clean(text));
    }
    /** A plain log line: redacted, and inert for the runner whatever values it holds. */
    info(text) {
        const line = (0,log_line/* plainLine */.h0)(this.finish(text));
        if (this.onRunner)
            (0,core/* info */.pq)(line);
        else
            (this.options.stdout ?? process.stdout).write(`${line}\n`);
    }
    /** A line shown only when step debug logging is on; nothing outside a runner. */
    debug(text) {
        if (this.onRunner)
            (0,core/* debug */.Yz)((0,log_line/* withoutLegacyCommands */.Uy)(this.finish(text)));
    }
    async publish(report, settings) {
        if (!this.onRunner) {
            this.printForTerminal(report, settings);
            (0,last_resort/* markReported */.Nh)();
            return;
        }
        for (const [name, value] of Object.entries(report.outputs))
            (0,core/* setOutput */.uH)(name, this.finish(value));
        this.logVerdict(report);
        this.failing = report.failed;
        if (settings.annotate) {
            const where = settings.summary ? 'the job summary and the log' : 'the log';
            for (const annotation of limitAnnotations(annotationsOf(report), {
                failed: report.failed,
                where
            })) {
                this.annotate(annotation.severity, annotation.message, {
                    title: annotation.title,
                    ...(annotation.file === undefined ? {} : { file: annotation.file }),
                    ...(annotation.line === undefined ? {} : { startLine: annotation.line })
                });
            }
        }
        if (settings.summary)
            await this.writeSummary(this.summaryOf(report, settings));
        // The verdict and the summary are out: an exit from here on needs no report of last resort.
        (0,last_resort/* markReported */.Nh)();
        await this.comment(report, settings);
        if (report.failed)
            (0,core/* setFailed */.C1)(shortenText(this.inert(this.failureMessage(report, settings)), ANNOTATION_MESSAGE_CHARACTERS));
    }
    /**
     * `core` escapes a command's data for the runner; the legacy `##[` form is ours to break.
     * Within GitHub's limits: the message and title shortened where the runner would cut them,
     * and an annotation past the ten of its kind (the failure's own error counted) goes to the
     * log instead, where it is not lost.
     */
    annotate(severity, message, properties) {
        const reserved = severity === 'error' && this.failing ? 1 : 0;
        if (this.annotated[severity] >= ANNOTATIONS_PER_STEP - reserved) {
            this.info(`[${severity}] ${properties.title ?? 'aws-credentials-doctor'}: ${message}`);
            return;
        }
        this.annotated[severity] += 1;
        const title = properties.title === undefined
            ? {}
            : { title: shortenText(this.inert(properties.title), ANNOTATION_TITLE_CHARACTERS) };
        ANNOTATE[severity](shortenText(this.inert(message), ANNOTATION_MESSAGE_CHARACTERS), {
            ...properties,
            ...title
        });
    }
    /** Redacted, long values shortened, and inert for the runner. */
    inert(text) {
        return (0,log_line/* withoutLegacyCommands */.Uy)(this.finish(text));
    }
    /** The step's failure, which the runner shows beside the annotations: why it failed. */
    failureMessage(report, settings) {
        const failOn = settings.failOn ?? 'error';
        const threshold = failOn === 'warning' ? 'a warning or an error' : 'an error';
        const cause = report.findings.find(item => item.id === report.cause);
        const what = cause === undefined ? report.status : `${cause.id}: ${cause.title}`;
        return `AWS credentials check failed (${what}). The step fails on ${threshold} (fail-on: ${failOn}); the job summary says how to fix it.`;
    }
    summaryOf(report, settings) {
        return renderSummary(report, {
            finish: text => this.finish(text),
            ...(settings.oidcGuide === undefined ? {} : { oidcGuide: settings.oidcGuide }),
            ...(settings.audience === undefined ? {} : { audience: settings.audience })
        });
    }
    printForTerminal(report, settings) {
        const stream = this.options.stdout ?? process.stdout;
        const color = supportsColor(this.env, stream.isTTY === true);
        stream.write(`${this.clean(renderTerminal(this.summaryOf(report, settings), { color }))}\n`);
    }
    logVerdict(report) {
        const identity = report.remote.identity;
        const head = report.status === 'pass'
            ? `AWS credentials work${identity === undefined ? '' : `: ${identity.arn}`}`
            : `AWS credentials ${report.status === 'fail' ? 'fail' : 'work, with warnings'}: ${report.cause}`;
        this.info(head);
        for (const item of report.findings)
            this.info(`  [${item.severity}] ${item.id}: ${item.title}`);
    }
    /** The summary in the log: each of its lines inert, written at once. */
    logLines(markdown) {
        (0,core/* info */.pq)((0,log_line/* plainLines */.y1)(this.clean(markdown)).join('\n'));
    }
    async writeSummary(markdown) {
        const path = this.env.GITHUB_STEP_SUMMARY;
        if (path === undefined || path === '') {
            this.logLines(markdown);
            return;
        }
        try {
            await summary/* summary */.z.addRaw(this.clean(markdown), true).write();
        }
        catch (error) {
            summary/* summary */.z.emptyBuffer();
            // The verdict must still reach the person: the log gets the summary instead.
            this.annotate('warning', `The job summary could not be written to ${path} (${(0,errors/* describeError */.Uc)(error)}); it follows in the log.`, { title: 'aws-credentials-doctor' });
            this.logLines(markdown);
        }
    }
    /** What is left of `timeout-seconds` since the run began, plus the grace a comment gets. */
    commentBudgetMs(settings) {
        const budget = (settings.timeoutSeconds ?? 10) * 1000;
        const spent = (this.options.now ?? Date.now)() - this.startedAt;
        return Math.max(0, budget - spent) + COMMENT_GRACE_MS;
    }
    /** The sticky PR comment; a problem here is a log line, never a failed step. */
    async comment(report, settings) {
        const plan = planComment(report, settings.prComment ?? 'never', settings.githubToken);
        if (plan.kind === 'skip') {
            if (plan.reason !== undefined)
                this.info(`PR comment skipped: ${plan.reason}.`);
            return;
        }
        const signal = AbortSignal.timeout(this.commentBudgetMs(settings));
        try {
            const api = this.options.commentsApi === undefined
                ? await githubCommentsApi({
                    token: settings.githubToken ?? '',
                    apiUrl: report.discovery.github.apiUrl,
                    repository: report.discovery.github.repository ?? '',
                    issueNumber: plan.issueNumber,
                    signal
                })
                : await this.options.commentsApi(plan.issueNumber, signal);
            const body = renderComment(report, text => this.finish(text));
            // The marker as the body shows it: redacted and shortened alike.
            const marker = this.finish(commentMarker(report));
            const outcome = await upsertComment(api, marker, body, plan.updateOnly);
            this.info(outcome.kind === 'unchanged'
                ? `PR comment not written: ${outcome.reason}.`
                : `PR comment ${outcome.kind} on #${plan.issueNumber} (comment ${outcome.id}).`);
        }
        catch (error) {
            // Octokit wraps an aborted request in its own error; the signal says what happened.
            const reason = signal.aborted ? 'GitHub did not answer in time' : describeCommentError(error);
            this.info(`PR comment skipped: ${reason}.`);
        }
    }
}

// EXTERNAL MODULE: ./src/aws/validate.ts + 15 modules
var validate = __webpack_require__(4849);
;// CONCATENATED MODULE: ./src/gates.ts

/** Every key of `GateFactsById` is a registered finding ID: a misspelt key fails here. */
const GATE_IDS_ARE_FINDING_IDS = true;
/** The identity the gates judge: the credentials checked, else the role assumed with OIDC. */
function identityOf(remote) {
    return remote.identity ?? remote.oidc?.assumedIdentity;
}
/**
 * The role the OIDC doctor assumed, where the job's own credentials are the identity judged
 * above (with none, the assumed role is that identity and is judged there).
 */
function assumedAccountMismatch(remote, expected) {
    const assumed = remote.oidc?.assumedIdentity;
    if (assumed === undefined ||
        remote.identity === undefined ||
        remote.identity === assumed ||
        expected.includes(assumed.account))
        return [];
    return [
        {
            id: 'account-mismatch',
            account: assumed.account,
            expected,
            basis: 'assumed-role',
            arn: assumed.arn,
            source: remote.oidc?.tokenSource === 'github-oidc' ? 'role-to-assume' : 'web identity token file'
        }
    ];
}
/**
 * The one `account-mismatch` fact for each identity the gate judges: the job's credentials
 * (confirmed by STS, or decoded from the key ID) and the role the OIDC doctor assumed beside them.
 */
function accountMismatch(discovery, remote, settings) {
    const expected = settings.expectedAccountIds;
    if (expected.length === 0)
        return [];
    const identity = identityOf(remote);
    const decoded = remote.offlineAccountId ?? discovery.offlineAccountId;
    const account = identity?.account ?? decoded;
    const assumed = assumedAccountMismatch(remote, expected);
    if (account === undefined || expected.includes(account))
        return assumed;
    return [
        {
            id: 'account-mismatch',
            account,
            expected,
            basis: identity === undefined ? 'key-id' : 'sts',
            ...(identity === undefined ? {} : { arn: identity.arn }),
            ...(discovery.selected === undefined ? {} : { source: discovery.selected.label })
        },
        ...assumed
    ];
}
function rootCredentials(discovery, remote) {
    const identity = identityOf(remote);
    if (identity?.principalType !== 'root')
        return [];
    return [
        {
            id: 'root-credentials',
            identity,
            ...(discovery.selected === undefined ? {} : { source: discovery.selected.label })
        }
    ];
}
/** The long-term key ID the SDK's chain resolved, where it is worth a finding. */
function longTermKeyOfChain(discovery, remote, settings) {
    const used = remote.accessKeyId;
    if (used === undefined || !used.startsWith('AKIA'))
        return undefined;
    if (discovery.selected?.credentials?.accessKeyId !== undefined)
        return undefined;
    // On a laptop a long-term key is the usual setup (see the offline check).
    if (!discovery.github.onRunner && !settings.requireTemporaryCredentials)
        return undefined;
    return used;
}
/**
 * Long-term keys that the SDK's chain resolved (a profile, a process), which the offline
 * `long-term-credentials` check cannot see; with `require-temporary-credentials` an error.
 */
function longTermFromChain(discovery, remote, settings) {
    const used = longTermKeyOfChain(discovery, remote, settings);
    if (used === undefined)
        return [];
    return [
        {
            id: 'long-term-credentials',
            maskedKeyId: (0,redact/* maskAccessKeyId */.BT)(used),
            requireTemporaryCredentials: settings.requireTemporaryCredentials,
            ...(discovery.selected === undefined ? {} : { source: discovery.selected.label })
        }
    ];
}
/**
 * `required-actions` with an identity that no simulation ran for: the role assumed with OIDC
 * (its credentials are only used to ask who they are). Where the simulation ran and could not
 * answer, src/aws/simulate.ts has already said so. A warning, not a pass: a notice would let a
 * deployment go ahead on the strength of a check that never happened.
 */
function requiredActionsUnchecked(remote, settings) {
    if (settings.requiredActions.length === 0 || remote.permissionsChecked === true)
        return [];
    const identity = identityOf(remote);
    if (identity === undefined)
        return [];
    return [{ id: 'permissions-unverified', required: settings.requiredActions, arn: identity.arn }];
}
/**
 * What the gates found, in the order the report lists them; the entry point words each fact
 * (src/report/words/gates.ts).
 */
function evaluateGates(discovery, remote, settings) {
    return [
        ...accountMismatch(discovery, remote, settings),
        ...rootCredentials(discovery, remote),
        ...longTermFromChain(discovery, remote, settings),
        ...requiredActionsUnchecked(remote, settings)
    ];
}

// EXTERNAL MODULE: ./src/report/words/gates.ts
var words_gates = __webpack_require__(7112);
// EXTERNAL MODULE: ./src/oidc/in-use.ts
var in_use = __webpack_require__(2996);
;// CONCATENATED MODULE: ./src/oidc/merge.ts
/**
 * Drops `no-credentials` where the job is meant to get its credentials from OIDC: with
 * `role-to-assume`, when no other credentials gave an identity. `validated` is the STS phase's
 * result before the OIDC phase is folded in.
 */
function supersededByOidc(findings, validated, settings) {
    if (settings.roleToAssume === undefined || validated.identity !== undefined)
        return [...findings];
    return findings.filter(item => item.id !== 'no-credentials');
}
/**
 * The SDK's chain exchanges a token file too, and only says "AccessDenied"; where the doctor
 * diagnosed the same file and found why, its finding is the one to show.
 */
function fileDiagnosed(phase) {
    return (phase.oidc?.tokenSource === 'web-identity-file' &&
        phase.findings.some(item => item.severity === 'error'));
}
function withOidc(validated, phase, settings) {
    const assumed = phase.oidc?.assumedIdentity;
    const useAssumed = validated.identity === undefined && settings.roleToAssume !== undefined && assumed !== undefined;
    const diagnosed = fileDiagnosed(phase);
    const remoteFindings = supersededByOidc(validated.findings, validated, settings).filter(item => !(diagnosed && item.id === 'no-credentials'));
    return {
        ...validated,
        findings: [...remoteFindings, ...phase.findings],
        checks: [...validated.checks, ...phase.checks],
        ...(phase.oidc === undefined ? {} : { oidc: phase.oidc }),
        ...(phase.oidcSub === undefined ? {} : { oidcSub: phase.oidcSub }),
        ...(useAssumed ? { identity: assumed, credentialSource: 'web-identity' } : {})
    };
}

;// CONCATENATED MODULE: ./src/main.ts
/**
 * run(): settings → discovery → offline checks → remote validation → report → exit status.
 * The only place that orders the phases and decides the exit code.
 */














/** Secret-bearing variables, masked before settings are even parsed. */
const SECRET_VARIABLES = [
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    'AWS_SECURITY_TOKEN',
    (0,src_settings/* inputVariableName */.GQ)(src_settings/* INPUT */.bO.secretAccessKey),
    (0,src_settings/* inputVariableName */.GQ)(src_settings/* INPUT */.bO.sessionToken),
    (0,src_settings/* inputVariableName */.GQ)(src_settings/* INPUT */.bO.githubToken),
    'ACTIONS_ID_TOKEN_REQUEST_TOKEN'
];
/** A discovery that knows nothing, for reports about runs that failed before discovery. */
function emptyDiscovery(onRunner) {
    return {
        sources: [],
        secrets: [],
        region: { value: 'us-east-1', origin: { kind: 'default', name: 'us-east-1' } },
        profile: {
            name: 'default',
            origin: { kind: 'default', name: 'default profile' },
            skipsKeyVariables: false,
            variables: {}
        },
        github: {
            isForkPullRequest: false,
            isDependabot: false,
            oidcRequestAvailable: false,
            onRunner
        },
        network: { endpoints: {}, proxy: {} },
        instanceMetadata: { considered: false, reason: 'the run stopped before discovery' }
    };
}
const NO_REMOTE = { checks: [], findings: [] };
async function publishEarlyFailure(publisher, item, settings) {
    const report = buildReport(emptyDiscovery(publisher.onRunner), NO_REMOTE, [item], settings);
    await publisher.publish(report, settings);
    // Like any finding, it fails the step only at or above `fail-on` (an error, unless `never`).
    return report.failed ? 1 : 0;
}
function internalError(publisher, error) {
    // The stack is for whoever reports the bug: shown only with step debug logging on.
    if (error instanceof Error && error.stack !== undefined)
        publisher.debug(error.stack);
    return (0,src_findings/* finding */.gk)('internal-error', {
        message: `The action hit an unexpected error and could not finish its checks: ${(0,errors/* describeError */.Uc)(error)}.`,
        remediation: 'This is a bug in aws-credentials-doctor, not in your credentials. Please report it with this summary; re-running with `ACTIONS_STEP_DEBUG` set to true logs more detail.'
    });
}
/**
 * The session limits of the workflow's configure-aws-credentials steps, loaded only where the
 * workflow file has such steps: most runs never need the rules or the role look-ups.
 */
async function sessionLimitsPhase(discovery, settings, options) {
    if (discovery.workflow?.credentialSteps === undefined)
        return { checks: [], findings: [] };
    const { checkSessionLimits } = await __webpack_require__.e(/* import() */ 999).then(__webpack_require__.bind(__webpack_require__, 2999));
    return checkSessionLimits(discovery, settings, options);
}
function maskEnvironmentSecrets(publisher, env) {
    for (const name of SECRET_VARIABLES)
        publisher.mask(env[name]);
    // A password in an endpoint or proxy URL is a secret too; the redactor also drops it from text.
    for (const [name, value] of Object.entries(env)) {
        if (value !== undefined && /^AWS_ENDPOINT_URL|_PROXY$/iu.test(name))
            for (const secret of (0,redact/* userInfoSecrets */.ry)(value))
                publisher.mask(secret);
    }
}
function maskEndpointSecrets(publisher, discovery) {
    for (const override of Object.values(discovery.network.endpoints))
        for (const secret of (0,redact/* userInfoSecrets */.ry)(override.url))
            publisher.mask(secret);
}
/**
 * The OIDC phase's facts in words. Loaded only where the phase found something, like the
 * doctor itself (src/oidc/in-use.ts): a job with keys alone never loads either.
 */
async function oidcWritten(facts) {
    if (facts.oidc === undefined && facts.checks.length === 0 && facts.findings.length === 0)
        return { checks: [], findings: [] };
    const { renderOidcPhase } = await __webpack_require__.e(/* import() */ 116).then(__webpack_require__.bind(__webpack_require__, 8116));
    return renderOidcPhase(facts);
}
async function run(env = process.env) {
    const startedAt = Date.now();
    const publisher = new Publisher(env);
    maskEnvironmentSecrets(publisher, env);
    let settings;
    try {
        settings = (0,src_settings/* parseSettings */.P$)(env);
    }
    catch (error) {
        // `fail-on`, `annotate` and `summary` still hold where they are valid themselves.
        const reporting = (0,src_settings/* readReportSettings */.i$)(env);
        if (!(error instanceof src_settings/* SettingsError */.GN))
            return publishEarlyFailure(publisher, internalError(publisher, error), reporting);
        return publishEarlyFailure(publisher, (0,src_findings/* finding */.gk)('settings-invalid', {
            title: `Input "${error.input}" is invalid`,
            message: error.message,
            remediation: `Correct ${(0,markdown/* code */.aY)(error.input)} in the step's \`with:\` block; the README lists every input and its accepted values.`
        }), reporting);
    }
    try {
        const readWorkflow = await loadWorkflowReader(env);
        const discovery = discover(settings, env, readWorkflow === undefined ? {} : { readWorkflow });
        for (const secret of discovery.secrets)
            publisher.mask(secret);
        maskEndpointSecrets(publisher, discovery);
        const offline = runChecks(discovery, settings);
        const deadline = new validate/* Deadline */.B2(settings.timeoutSeconds * 1000);
        const onSecret = (value) => publisher.mask(value);
        // The OIDC and session-limits phases run beside STS validation, inside the same time budget.
        const [validated, oidc, limits] = await Promise.all([
            (0,validate/* validateRemote */.bR)(discovery, settings, { deadline, onSecret }),
            (0,in_use/* oidcPhase */.n)(discovery, settings, { deadline, onSecret, offline }),
            sessionLimitsPhase(discovery, settings, { deadline, onSecret })
        ]);
        const withRole = withOidc(validated, await oidcWritten(oidc), settings);
        const remote = {
            ...withRole,
            checks: [...withRole.checks, ...limits.checks],
            findings: [...withRole.findings, ...limits.findings]
        };
        const gates = evaluateGates(discovery, remote, settings).map(fact => (0,words_gates/* gateWorded */.v)(fact));
        const report = buildReport(discovery, remote, supersededByOidc([...offline, ...gates], validated, settings), settings);
        publisher.debug(`Checked in ${Date.now() - startedAt} ms: ${report.findings.map(item => item.id).join(', ') || 'no findings'}.`);
        await publisher.publish(report, settings);
        return report.failed ? 1 : 0;
    }
    catch (error) {
        return publishEarlyFailure(publisher, internalError(publisher, error), settings);
    }
}


/***/ }),

/***/ 182:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   XT: () => (/* binding */ sourcesInUse),
/* harmony export */   f3: () => (/* binding */ SEVERITY_RANK),
/* harmony export */   zC: () => (/* binding */ PROVIDER_CHECK)
/* harmony export */ });
/** Ordered from most to least severe; `SEVERITY_RANK` compares them. */
const SEVERITY_RANK = {
    error: 3,
    warning: 2,
    notice: 1
};
/**
 * The name of the checks that record, one per request or run, what a provider this action asks
 * itself answered (src/aws/validate.ts writes them; the sources table shows them by source).
 */
const PROVIDER_CHECK = {
    process: 'credential_process',
    container: 'Container credentials endpoint',
    'instance-metadata': 'EC2 instance metadata',
    sso: 'SSO portal'
};
/** The sources the run depends on: the one in use, and those its role chain reads. */
function sourcesInUse(discovery) {
    const selected = discovery.selected;
    if (selected === undefined)
        return [];
    return discovery.sources.filter(source => source === selected || (source.partOf !== undefined && source.partOf === selected.label));
}


/***/ }),

/***/ 2704:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   c1: () => (/* binding */ issuerHost),
/* harmony export */   ds: () => (/* binding */ claimsOf),
/* harmony export */   uZ: () => (/* binding */ SHOWN_CLAIMS),
/* harmony export */   vg: () => (/* binding */ GITHUB_ISSUER_HOST)
/* harmony export */ });
/* harmony import */ var _jwt_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6962);
/**
 * The claims of a web identity token worth showing. Claims are not secret (GitHub documents
 * them, and STS logs `sub` in CloudTrail); the token is, and never leaves this module's caller.
 */

/** The claims the summary shows, in this order. */
const SHOWN_CLAIMS = [
    'sub',
    'aud',
    'iss',
    'repository',
    'ref',
    'environment',
    'event_name',
    'job_workflow_ref',
    'workflow_ref',
    'repository_owner',
    'repository_id',
    'repository_owner_id',
    'actor',
    'runner_environment'
];
function asText(value) {
    if (typeof value === 'string')
        return value;
    if (typeof value === 'number' || typeof value === 'boolean')
        return String(value);
    if (Array.isArray(value)) {
        const items = value.filter((item) => typeof item === 'string' || typeof item === 'number');
        return items.length === 0 ? undefined : items.map(String).join(', ');
    }
    return undefined;
}
function shownClaims(jwt) {
    const shown = {};
    for (const name of SHOWN_CLAIMS) {
        const value = asText(jwt.claims[name]);
        if (value !== undefined && value !== '')
            shown[name] = value;
    }
    return shown;
}
function identityClaims(jwt) {
    const sub = typeof jwt.claims.sub === 'string' ? jwt.claims.sub : undefined;
    const issuer = typeof jwt.claims.iss === 'string' ? jwt.claims.iss : undefined;
    return {
        ...(sub === undefined ? {} : { sub }),
        ...(issuer === undefined ? {} : { issuer })
    };
}
function claimsOf(jwt) {
    const shown = shownClaims(jwt);
    const expiresAt = (0,_jwt_js__WEBPACK_IMPORTED_MODULE_0__/* .dateClaim */ .x$)(jwt, 'exp');
    const issuedAt = (0,_jwt_js__WEBPACK_IMPORTED_MODULE_0__/* .dateClaim */ .x$)(jwt, 'iat');
    if (expiresAt !== undefined)
        shown.exp = expiresAt.toISOString();
    return {
        shown,
        audiences: (0,_jwt_js__WEBPACK_IMPORTED_MODULE_0__/* .audiences */ .EJ)(jwt),
        ...identityClaims(jwt),
        ...(expiresAt === undefined ? {} : { expiresAt }),
        ...(issuedAt === undefined ? {} : { issuedAt })
    };
}
/** The issuer's host, as IAM names OIDC providers and condition keys (`token.actions.githubusercontent.com`). */
function issuerHost(issuer) {
    if (issuer === undefined)
        return undefined;
    return issuer.replace(/^https:\/\//u, '').replace(/\/+$/u, '');
}
/** github.com's issuer host: the one most policies (and examples) are written for. */
const GITHUB_ISSUER_HOST = 'token.actions.githubusercontent.com';


/***/ }),

/***/ 3088:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Fe: () => (/* binding */ eksIssuer),
/* harmony export */   gN: () => (/* binding */ serviceAccountStatement),
/* harmony export */   gw: () => (/* binding */ serviceAccountOf),
/* harmony export */   ln: () => (/* binding */ eksReasons),
/* harmony export */   wu: () => (/* binding */ serviceAccountHint)
/* harmony export */ });
const EKS_ISSUER = /^https:\/\/(oidc\.eks\.([a-z0-9-]+)\.amazonaws\.com(?:\.cn)?\/id\/([0-9A-Za-z]+))\/?$/u;
function eksIssuer(issuer) {
    const match = EKS_ISSUER.exec(issuer ?? '');
    if (match === null)
        return undefined;
    return { host: match[1] ?? '', region: match[2] ?? '', id: match[3] ?? '' };
}
const SERVICE_ACCOUNT_SUB = /^system:serviceaccount:([^:]+):([^:]+)$/u;
function serviceAccountOf(sub) {
    const match = SERVICE_ACCOUNT_SUB.exec(sub ?? '');
    if (match === null)
        return undefined;
    return { namespace: match[1] ?? '', name: match[2] ?? '' };
}
/** Where a policy's service account differs from the token's: the namespace, the name, or both. */
function differsIn(expected, actual) {
    if (expected.namespace === actual.namespace)
        return 'name';
    if (expected.name === actual.name)
        return 'namespace';
    return 'both';
}
/**
 * Why a `sub` condition refuses a service account token, where the policy names service
 * accounts too: which of namespace and name differ. Undefined where the token is not one.
 */
function serviceAccountHint(expected, actual) {
    const token = serviceAccountOf(actual);
    if (token === undefined)
        return undefined;
    const named = expected
        .map(value => ({ value, account: serviceAccountOf(value) }))
        .filter(item => item.account !== undefined);
    const first = named[0];
    const hint = { kind: 'service-account', ...token, sub: actual };
    if (first?.account === undefined)
        return { ...hint, expected: [] };
    return {
        ...hint,
        expected: named.map(item => item.value),
        differs: differsIn(first.account, token)
    };
}
/** The trust policy statement that admits exactly this service account, as JSON text. */
function serviceAccountStatement(issuer, providerArn, sub, audience) {
    return JSON.stringify({
        Effect: 'Allow',
        Principal: { Federated: providerArn },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
            StringEquals: { [`${issuer.host}:sub`]: sub, [`${issuer.host}:aud`]: audience }
        }
    });
}
function failsOn(statement, claim) {
    return (statement?.conditions ?? []).some(condition => condition.result === 'fails' && condition.key.toLowerCase().endsWith(`:${claim}`));
}
/** A failing condition on another issuer's key: it is not in this request at all. */
function failsOnForeignKey(statement, issuer) {
    const host = issuer.host.toLowerCase();
    return (statement?.conditions ?? []).some(condition => condition.result === 'fails' && !condition.key.toLowerCase().startsWith(host));
}
function serviceAccountReason(issuer, sub, shown) {
    return {
        reason: {
            kind: 'eks-service-account',
            host: issuer.host,
            ...(sub === undefined ? {} : { sub })
        },
        score: shown.sub ? 400 : shown.read ? 10 : 100,
        applies: shown.sub || !shown.read
    };
}
function issuerReason(issuer, shown) {
    return {
        reason: { kind: 'eks-issuer', host: issuer.host },
        score: shown.foreign ? 450 : shown.read ? 5 : 60,
        applies: shown.foreign || !shown.read
    };
}
function audienceReason(issuer, shown) {
    return {
        reason: { kind: 'eks-audience', host: issuer.host },
        score: shown.aud ? 380 : 20,
        applies: shown.aud
    };
}
function annotationReason(sub, shown) {
    return {
        reason: { kind: 'eks-annotation', ...(sub === undefined ? {} : { sub }) },
        score: shown.read ? 30 : 50,
        applies: !shown.read || shown.sub
    };
}
/**
 * The usual reasons an IRSA token is refused, scored by what the evaluated policy (where it
 * could be read) shows; without the policy, the service account comes first.
 */
function eksReasons(issuer, sub, statement) {
    const shown = {
        read: statement !== undefined,
        sub: failsOn(statement, 'sub'),
        aud: failsOn(statement, 'aud'),
        foreign: failsOnForeignKey(statement, issuer)
    };
    return [
        serviceAccountReason(issuer, sub, shown),
        issuerReason(issuer, shown),
        audienceReason(issuer, shown),
        annotationReason(sub, shown)
    ];
}


/***/ }),

/***/ 2934:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Cc: () => (/* binding */ conditionJson),
/* harmony export */   IO: () => (/* binding */ providerArnFor),
/* harmony export */   J8: () => (/* binding */ closestStatement),
/* harmony export */   Vy: () => (/* binding */ statementName),
/* harmony export */   eu: () => (/* binding */ globMatch),
/* harmony export */   hr: () => (/* binding */ ACTION),
/* harmony export */   y1: () => (/* binding */ evaluateTrustPolicy)
/* harmony export */ });
/* unused harmony exports conditionContext, VERIFIED_CLAIMS */
/* harmony import */ var _claims_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2704);
/* harmony import */ var _sub_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8199);
/* harmony import */ var _eks_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(3088);



function isObject(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function asList(value) {
    if (typeof value === 'string')
        return [value];
    if (typeof value === 'number' || typeof value === 'boolean')
        return [String(value)];
    if (Array.isArray(value))
        return value
            .filter(item => ['string', 'number', 'boolean'].includes(typeof item))
            .map(item => String(item));
    return [];
}
/** IAM wildcard match: `*` any run of characters, `?` exactly one. */
function globMatch(pattern, value, ignoreCase = false) {
    const escaped = pattern.replace(/[.+^${}()|[\]\\]/gu, '\\$&');
    const source = `^${escaped.replace(/\*/gu, '[\\s\\S]*').replace(/\?/gu, '[\\s\\S]')}$`;
    return new RegExp(source, ignoreCase ? 'iu' : 'u').test(value);
}
const OPERATORS = {
    StringEquals: { test: (e, a) => e === a, negated: false },
    StringNotEquals: { test: (e, a) => e === a, negated: true },
    StringEqualsIgnoreCase: { test: (e, a) => e.toLowerCase() === a.toLowerCase(), negated: false },
    StringNotEqualsIgnoreCase: {
        test: (e, a) => e.toLowerCase() === a.toLowerCase(),
        negated: true
    },
    StringLike: { test: (e, a) => globMatch(e, a), negated: false },
    StringNotLike: { test: (e, a) => globMatch(e, a), negated: true }
};
/** Condition keys of the request: `<issuer host>:<claim>`, lower-cased as IAM compares keys. */
function conditionContext(claims, host) {
    const context = new Map();
    for (const [claim, value] of Object.entries(claims)) {
        const values = asList(value);
        if (values.length > 0)
            context.set(`${host}:${claim}`.toLowerCase(), values);
    }
    return context;
}
function parseOperator(raw) {
    let base = raw;
    let set;
    if (base.startsWith('ForAnyValue:')) {
        set = 'any';
        base = base.slice('ForAnyValue:'.length);
    }
    else if (base.startsWith('ForAllValues:')) {
        set = 'all';
        base = base.slice('ForAllValues:'.length);
    }
    const ifExists = base.endsWith('IfExists');
    if (ifExists)
        base = base.slice(0, -'IfExists'.length);
    return { base, ifExists, ...(set === undefined ? {} : { set }) };
}
function evaluateOne(operator, expected, actual) {
    const parsed = parseOperator(operator);
    const op = OPERATORS[parsed.base];
    if (op === undefined)
        return undefined;
    if (actual === undefined || actual.length === 0) {
        // A missing key: true for IfExists and negated operators, and vacuously for ForAllValues.
        return parsed.ifExists || op.negated || parsed.set === 'all';
    }
    const matches = (value) => expected.some(e => op.test(e, value));
    if (parsed.set === 'all')
        return actual.every(value => (op.negated ? !matches(value) : matches(value)));
    const any = actual.some(matches);
    return op.negated ? !any : any;
}
function shortKey(key) {
    const at = key.lastIndexOf(':');
    return at === -1 ? key : key.slice(at + 1);
}
/** Why a condition that fails does so, where there is more to say than "no match". */
function hintFor(operator, key, expected, actual) {
    const claim = shortKey(key).toLowerCase();
    if (actual === undefined || actual.length === 0)
        return { kind: 'no-claim', claim: shortKey(key) };
    const parsed = parseOperator(operator);
    if (parsed.base === 'StringEquals' && expected.some(value => /[*?]/u.test(value)))
        return { kind: 'equals-wildcard' };
    const first = actual[0] ?? '';
    const like = parsed.base === 'StringLike';
    const caseOnly = expected.some(e => like ? globMatch(e, first, true) : e.toLowerCase() === first.toLowerCase());
    if (caseOnly)
        return { kind: 'letter-case' };
    if (claim === 'sub')
        return subHint(operator, expected, first);
    if (claim === 'aud')
        return { kind: 'audience' };
    if (claim === 'job_workflow_ref')
        return workflowRefHint(expected, first);
    return undefined;
}
/** Why a `sub` condition fails: the service account, the environment, the IDs, the template. */
function subHint(operator, expected, first) {
    const account = (0,_eks_js__WEBPACK_IMPORTED_MODULE_1__/* .serviceAccountHint */ .wu)(expected, first);
    if (account !== undefined)
        return account;
    const sub = (0,_sub_js__WEBPACK_IMPORTED_MODULE_0__/* .parseSub */ .ur)(first);
    const pinsRef = expected.some(value => value.includes(':ref:'));
    if (sub.shape === 'environment' && pinsRef)
        return { kind: 'environment', environment: sub.environment ?? '' };
    if (sub.shape === 'pull_request' && pinsRef)
        return { kind: 'pull-request' };
    if (sub.immutable && !expected.some(value => value.includes('@')))
        return { kind: 'token-has-ids' };
    if (!sub.immutable && expected.every(value => /^repo:[^/:]*@/u.test(value)))
        return { kind: 'policy-has-ids' };
    if (sub.shape === 'custom')
        return segmentHint(operator, expected, first) ?? { kind: 'custom-sub' };
    return undefined;
}
/** A reusable workflow pinned to another ref: the called workflow's ref refuses, not the caller's branch. */
function workflowRefHint(expected, actual) {
    const token = (0,_sub_js__WEBPACK_IMPORTED_MODULE_0__/* .splitWorkflowRef */ .dj)(actual);
    if (token === undefined)
        return undefined;
    const sameFile = expected
        .map(value => (0,_sub_js__WEBPACK_IMPORTED_MODULE_0__/* .splitWorkflowRef */ .dj)(value))
        .filter(value => value !== undefined && globMatch(value.file, token.file));
    return {
        kind: 'workflow-ref',
        file: token.file,
        ref: token.ref,
        pinned: sameFile.map(value => value?.ref ?? '')
    };
}
/** The part of a customised `sub` that differs from the policy's pattern, named by its key. */
function segmentHint(operator, expected, actual) {
    const like = parseOperator(operator).base === 'StringLike';
    const differs = (0,_sub_js__WEBPACK_IMPORTED_MODULE_0__/* .differingSegment */ .IJ)(expected, actual, (pattern, value) => like ? globMatch(pattern, value) : pattern === value);
    if (differs === undefined)
        return undefined;
    return {
        kind: 'custom-sub-part',
        key: differs.key,
        expected: differs.expected,
        actual: differs.actual
    };
}
/** A statement's `Sid` where it has one, and its place in the policy (from 1). */
function statementName(statement, index) {
    return typeof statement.Sid === 'string' && statement.Sid !== ''
        ? { sid: statement.Sid, index: index + 1 }
        : { index: index + 1 };
}
function principalMatches(principal, providerArn) {
    if (principal === '*')
        return true;
    if (!isObject(principal))
        return false;
    if (asList(principal.AWS).includes('*'))
        return true;
    return asList(principal.Federated).some(value => value === '*' || value === providerArn);
}
const ACTION = 'sts:AssumeRoleWithWebIdentity';
/**
 * One condition of a trust policy as JSON text (`"StringEquals": { "KEY": "VALUE" }`), for a
 * fix to paste into a policy: key and values are JSON strings, so a quote or backslash in a
 * claim cannot end them early.
 */
function conditionJson(operator, key, value) {
    const values = typeof value === 'string'
        ? JSON.stringify(value)
        : `[${value.map(item => JSON.stringify(item)).join(', ')}]`;
    return `${JSON.stringify(operator)}: { ${JSON.stringify(key)}: ${values} }`;
}
/**
 * The claims AWS documents as condition keys of every OIDC provider (IAM user guide, "Available
 * keys for AWS web identity federation": `aud`, `sub`, `amr`). AWS began exposing further GitHub
 * claims in 2026, but the list is not documented: a condition on another claim that the token
 * satisfies is shown as unverifiable, since STS may not provide that key (and then it fails).
 */
const VERIFIED_CLAIMS = new Set(['sub', 'aud', 'amr']);
/** The provider ARN a token's issuer has in the role's account. */
function providerArnFor(roleArn, issuer) {
    const parts = /^arn:([a-z-]+):iam::(\d{12}):/u.exec(roleArn);
    const partition = parts?.[1] ?? 'aws';
    const account = parts?.[2] ?? '123456789012';
    return `arn:${partition}:iam::${account}:oidc-provider/${(0,_claims_js__WEBPACK_IMPORTED_MODULE_2__/* .issuerHost */ .c1)(issuer) ?? 'token.actions.githubusercontent.com'}`;
}
function evaluateTrustPolicy(input) {
    let document;
    try {
        document = JSON.parse(input.policy);
    }
    catch {
        return undefined;
    }
    if (!isObject(document))
        return undefined;
    const issuer = typeof input.claims.iss === 'string' ? input.claims.iss : undefined;
    const host = (0,_claims_js__WEBPACK_IMPORTED_MODULE_2__/* .issuerHost */ .c1)(issuer) ?? 'token.actions.githubusercontent.com';
    const providerArn = providerArnFor(input.roleArn, issuer);
    const context = conditionContext(input.claims, host);
    const raw = document.Statement;
    const statements = (Array.isArray(raw) ? raw : [raw]).filter(isObject);
    const checks = statements.map((statement, index) => {
        const conditions = [];
        const condition = statement.Condition;
        if (isObject(condition)) {
            for (const [operator, block] of Object.entries(condition)) {
                if (!isObject(block))
                    continue;
                for (const [key, value] of Object.entries(block)) {
                    const expected = asList(value);
                    const actual = context.get(key.toLowerCase());
                    const prefix = key.toLowerCase().slice(0, Math.max(0, key.lastIndexOf(':')));
                    const known = prefix === host.toLowerCase();
                    // Another issuer's key (`token.actions.githubusercontent.com:sub` for an enterprise
                    // issuer's token) is not in this request at all: IAM judges it as a missing key.
                    const foreign = !known && prefix.includes('.');
                    const result = known
                        ? evaluateOne(operator, expected, actual)
                        : foreign
                            ? evaluateOne(operator, expected, undefined)
                            : undefined;
                    const hint = result !== false
                        ? undefined
                        : foreign
                            ? { kind: 'foreign-key', host, key }
                            : hintFor(operator, key, expected, actual);
                    const unverified = known && result === true && !VERIFIED_CLAIMS.has(shortKey(key).toLowerCase());
                    conditions.push({
                        operator,
                        key,
                        expected,
                        ...(actual === undefined || foreign ? {} : { actual }),
                        result: result === undefined ? 'unknown' : result ? 'holds' : 'fails',
                        ...(hint === undefined ? {} : { hint }),
                        ...(unverified ? { unverified: true } : {})
                    });
                }
            }
        }
        const actionMatches = asList(statement.Action).some(action => globMatch(action, ACTION, true));
        const principalOk = principalMatches(statement.Principal, providerArn);
        const effect = statement.Effect === 'Deny' ? 'Deny' : 'Allow';
        return {
            name: statementName(statement, index),
            effect,
            principal: asList(isObject(statement.Principal) ? statement.Principal.Federated : statement.Principal),
            actions: asList(statement.Action),
            principalMatches: principalOk,
            actionMatches,
            conditions,
            applies: principalOk && actionMatches && conditions.every(item => item.result !== 'fails')
        };
    });
    const deny = checks.some(item => item.effect === 'Deny' && item.applies);
    const allow = checks.some(item => item.effect === 'Allow' &&
        item.applies &&
        item.conditions.every(condition => condition.result === 'holds'));
    return {
        decision: deny ? 'explicit-deny' : allow ? 'allow' : 'implicit-deny',
        statements: checks,
        providerArn
    };
}
/**
 * The statement that comes closest to accepting the token: an Allow for this provider and
 * action with the fewest failing conditions. Its failing conditions are the ones to fix.
 */
function closestStatement(evaluation) {
    const score = (item) => (item.principalMatches ? 0 : 100) +
        (item.actionMatches ? 0 : 50) +
        item.conditions.filter(condition => condition.result === 'fails').length;
    return evaluation.statements
        .filter(item => item.effect === 'Allow')
        .reduce((best, item) => (best === undefined || score(item) < score(best) ? item : best), undefined);
}


/***/ }),

/***/ 9338:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CD: () => (/* binding */ suggestedPolicies),
/* harmony export */   QX: () => (/* binding */ splitMismatchReasons),
/* harmony export */   av: () => (/* binding */ mismatchReasons),
/* harmony export */   vo: () => (/* binding */ exactSubCondition)
/* harmony export */ });
/* unused harmony exports admittedSubs, admittedValues */
/* harmony import */ var _claims_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2704);
/* harmony import */ var _evaluate_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2934);
/* harmony import */ var _eks_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(3088);
/* harmony import */ var _sub_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8199);




function claimKey(issuer, claim) {
    return `${(0,_claims_js__WEBPACK_IMPORTED_MODULE_2__/* .issuerHost */ .c1)(issuer) ?? 'token.actions.githubusercontent.com'}:${claim}`;
}
function policyDocument(input, conditions) {
    return JSON.stringify({
        Version: '2012-10-17',
        Statement: [
            {
                Effect: 'Allow',
                Principal: { Federated: (0,_evaluate_js__WEBPACK_IMPORTED_MODULE_0__/* .providerArnFor */ .IO)(input.roleArn, input.issuer) },
                Action: _evaluate_js__WEBPACK_IMPORTED_MODULE_0__/* .ACTION */ .hr,
                Condition: conditions
            }
        ]
    }, null, 2);
}
/** The condition on `sub` that matches exactly this token, for messages. */
function exactSubCondition(input) {
    return (0,_evaluate_js__WEBPACK_IMPORTED_MODULE_0__/* .conditionJson */ .Cc)('StringEquals', claimKey(input.issuer, 'sub'), input.sub ?? '');
}
/**
 * The `sub` patterns the current trust policy admits, where the doctor read it: the `sub`
 * conditions of its Allow statements for this provider, as `StringLike` patterns. A
 * `StringEquals` value with `*` or `?` matches only that literal text, which GitHub never
 * issues, so it is left out rather than widened into a pattern.
 */
function admittedSubs(evaluation) {
    return admittedValues(evaluation, 'sub');
}
/** The values of one claim the current trust policy admits, as `StringLike` patterns (see `admittedSubs`). */
function admittedValues(evaluation, claim) {
    if (evaluation === undefined)
        return [];
    const subs = evaluation.statements
        .filter(statement => statement.effect === 'Allow' && statement.principalMatches)
        .flatMap(statement => statement.conditions.filter(condition => condition.key.toLowerCase().endsWith(`:${claim}`)))
        .flatMap(condition => {
        const operator = condition.operator.replace(/^ForAnyValue:/iu, '');
        if (/^StringLike$/iu.test(operator))
            return condition.expected;
        if (/^StringEquals$/iu.test(operator))
            return condition.expected.filter(value => !/[*?]/u.test(value));
        return [];
    });
    return [...new Set(subs)];
}
/**
 * The trust policy to offer for a `sub` pattern: where the current policy could be read, it
 * keeps every `sub` that policy admits beside the new one (a merge, never a replacement, so
 * the jobs it admits today keep working); otherwise it admits the pattern alone.
 */
function subPolicy(input, pattern, kept, extra = {}) {
    const aud = input.audiences[0] ?? 'sts.amazonaws.com';
    const audKey = claimKey(input.issuer, 'aud');
    const subKey = claimKey(input.issuer, 'sub');
    const subs = [...new Set([...kept, pattern])];
    const workflows = keptWorkflowRefs(input);
    const like = workflows === undefined ? {} : { [claimKey(input.issuer, 'job_workflow_ref')]: workflows };
    if (subs.length === 1 && !/[*?]/u.test(pattern) && workflows === undefined)
        return policyDocument(input, { StringEquals: { [audKey]: aud, [subKey]: pattern, ...extra } });
    return policyDocument(input, {
        StringEquals: { [audKey]: aud, ...extra },
        StringLike: { [subKey]: subs.length === 1 ? pattern : subs, ...like }
    });
}
/**
 * Where the current policy pins `job_workflow_ref`: the refs it admits plus this job's, so the
 * offered policy keeps the pin (and what it admits) instead of dropping it.
 */
function keptWorkflowRefs(input) {
    const kept = admittedValues(input.evaluation, 'job_workflow_ref');
    const current = input.claims.job_workflow_ref;
    if (kept.length === 0 || typeof current !== 'string' || current === '')
        return undefined;
    return [...new Set([...kept, current])];
}
/**
 * A policy that accepts this workflow's `sub` and audience, then the narrower and wider
 * variants people choose between. Each keeps what the current policy admits, where it could be
 * read.
 */
function suggestedPolicies(input) {
    const sub = input.sub;
    if (sub === undefined)
        return [];
    const aud = input.audiences[0] ?? 'sts.amazonaws.com';
    const parsed = (0,_sub_js__WEBPACK_IMPORTED_MODULE_1__/* .parseSub */ .ur)(sub);
    const kept = admittedSubs(input.evaluation);
    const workflows = keptWorkflowRefs(input);
    const base = {
        sub,
        audience: aud,
        keptSubs: kept,
        ...(workflows === undefined ? {} : { keptWorkflowRefs: workflows }),
        serviceAccount: (0,_eks_js__WEBPACK_IMPORTED_MODULE_3__/* .eksIssuer */ .Fe)(input.issuer) !== undefined
    };
    const variants = [
        { ...base, kind: 'exact', policy: subPolicy(input, sub, kept) }
    ];
    const workflowRef = input.claims.job_workflow_ref;
    // Pinning this workflow file would refuse the other jobs the policy admits today.
    if (typeof workflowRef === 'string' &&
        workflowRef !== '' &&
        kept.length === 0 &&
        workflows === undefined) {
        variants.push({
            ...base,
            kind: 'workflow-file',
            workflowRef,
            policy: subPolicy(input, sub, kept, {
                [claimKey(input.issuer, 'job_workflow_ref')]: workflowRef
            })
        });
    }
    const repo = parsed.repoPart;
    if (repo !== undefined) {
        const wider = (kind, pattern) => ({
            ...base,
            kind,
            repo,
            policy: subPolicy(input, pattern, kept)
        });
        if (parsed.shape === 'ref' && parsed.ref?.startsWith('refs/heads/') === true)
            variants.push(wider('every-branch', `repo:${repo}:ref:refs/heads/*`));
        if (parsed.shape === 'environment')
            variants.push(wider('every-environment', `repo:${repo}:environment:*`));
        if (parsed.shape !== 'custom')
            variants.push(wider('repository', `repo:${repo}:*`));
    }
    return variants;
}
/** The failing conditions of a statement: the claim each is about, and its hint. */
function failingConditions(statement) {
    if (statement === undefined)
        return [];
    return statement.conditions
        .filter(condition => condition.result === 'fails')
        .map(condition => ({
        claim: condition.key.toLowerCase().split(':').pop() ?? '',
        ...(condition.hint === undefined ? {} : { hint: condition.hint })
    }));
}
/**
 * A customised `sub` whose differing part names an environment (its key, or the value the
 * policy expects or the token has): the job's environment is what the policy turns on.
 */
function partNamesEnvironment(hint) {
    return (hint.kind === 'custom-sub-part' &&
        /environment/u.test(`${hint.key} ${hint.expected} ${hint.actual}`));
}
/** The reasons the shape of the `sub` suggests: an environment, a pull request, a branch, a template. */
function subShapeCandidates(parsed, sub, repository, fails, subHolds) {
    const candidates = [];
    const environment = parsed.environment ?? '';
    candidates.push({
        reason: {
            kind: 'environment',
            sub,
            ...(parsed.shape === 'environment'
                ? {
                    uses: {
                        environment,
                        match: `repo:${parsed.repoPart ?? repository}:environment:${environment}`
                    }
                }
                : {})
        },
        score: (parsed.shape === 'environment' ? 100 : 20) +
            (fails('sub', 'environment', partNamesEnvironment) ? 200 : 0),
        applies: parsed.shape === 'environment' || fails('sub', 'environment', partNamesEnvironment)
    });
    candidates.push({
        reason: {
            kind: 'pull-request',
            sub,
            ...(parsed.shape === 'pull_request'
                ? { match: `repo:${parsed.repoPart ?? repository}:pull_request` }
                : {})
        },
        score: (parsed.shape === 'pull_request' ? 100 : 15) + (fails('sub', 'pull-request') ? 200 : 0),
        applies: parsed.shape === 'pull_request' || fails('sub', 'pull-request')
    });
    if (parsed.shape === 'ref') {
        candidates.push({
            reason: { kind: 'other-ref', ref: parsed.ref ?? '', sub },
            // Where the policy was read and its `sub` condition holds, the branch is not what refuses.
            score: subHolds ? 10 : 90 + (fails('sub') ? 50 : 0),
            applies: !subHolds
        });
    }
    if (parsed.shape === 'custom') {
        candidates.push({
            reason: { kind: 'custom-sub', sub },
            score: 100 + (fails('sub') ? 50 : 0),
            applies: true
        });
    }
    return candidates;
}
/** The reasons in how the policy writes the claims: case, wildcards, IDs, the audience. */
function claimCandidates(input, parsed, repository, fails) {
    const candidates = [];
    const aud = input.audiences.join(', ');
    const upper = /[A-Z]/u.test(repository);
    candidates.push({
        reason: { kind: 'letter-case', repository, capitals: upper },
        score: (upper ? 60 : 30) + (fails('sub', 'letter-case') ? 300 : 0),
        applies: upper || fails('sub', 'letter-case')
    });
    candidates.push({
        reason: { kind: 'equals-wildcard' },
        score: 40 + (fails('sub', 'equals-wildcard') || fails('aud', 'equals-wildcard') ? 300 : 0),
        applies: fails('sub', 'equals-wildcard') || fails('aud', 'equals-wildcard')
    });
    candidates.push(immutableCandidate(input, parsed, fails));
    const host = (0,_claims_js__WEBPACK_IMPORTED_MODULE_2__/* .issuerHost */ .c1)(input.issuer);
    if (input.issuer !== undefined && host !== undefined && host !== _claims_js__WEBPACK_IMPORTED_MODULE_2__/* .GITHUB_ISSUER_HOST */ .vg) {
        const foreign = fails('sub', 'foreign-key') || fails('aud', 'foreign-key');
        candidates.push({
            reason: {
                kind: 'issuer-keys',
                issuer: input.issuer,
                subKey: claimKey(input.issuer, 'sub'),
                audKey: claimKey(input.issuer, 'aud')
            },
            score: foreign ? 550 : 85,
            applies: true
        });
    }
    candidates.push({
        reason: { kind: 'audience', audience: aud, audKey: claimKey(input.issuer, 'aud') },
        score: (aud === 'sts.amazonaws.com' ? 10 : 70) + (fails('aud') ? 400 : 0),
        applies: aud !== 'sts.amazonaws.com' || fails('aud')
    });
    return candidates;
}
/**
 * A reusable workflow's ref: the token's `job_workflow_ref` names the called workflow and the ref
 * the caller used (`uses: org/shared/.github/workflows/deploy.yml@v2`). A policy that pins it (as
 * its own condition, or inside a customised `sub`) to another ref refuses the job whatever branch
 * the caller is on, so it is named as the claim that refuses.
 */
function workflowCandidate(input, parsed, statement, fails) {
    const value = input.claims.job_workflow_ref;
    if (typeof value !== 'string')
        return undefined;
    const called = (0,_sub_js__WEBPACK_IMPORTED_MODULE_1__/* .splitWorkflowRef */ .dj)(value);
    if (called === undefined)
        return undefined;
    const caller = typeof input.claims.workflow_ref === 'string'
        ? (0,_sub_js__WEBPACK_IMPORTED_MODULE_1__/* .splitWorkflowRef */ .dj)(input.claims.workflow_ref)
        : undefined;
    const reusable = caller !== undefined && caller.file !== called.file;
    const inSub = parsed.templateKeys?.includes('job_workflow_ref') === true;
    const subCondition = statement?.conditions.find(condition => condition.key.toLowerCase().endsWith(':sub') && condition.result === 'fails');
    const segment = inSub && subCondition !== undefined && input.sub !== undefined
        ? (0,_sub_js__WEBPACK_IMPORTED_MODULE_1__/* .differingSegment */ .IJ)(subCondition.expected, input.sub, (pattern, actual) => /StringLike/iu.test(subCondition.operator)
            ? (0,_evaluate_js__WEBPACK_IMPORTED_MODULE_0__/* .globMatch */ .eu)(pattern, actual)
            : pattern === actual)
        : undefined;
    const refuses = fails('job_workflow_ref') || segment?.key === 'job_workflow_ref';
    return {
        reason: {
            kind: 'workflow-ref',
            file: called.file,
            ref: called.ref,
            value,
            ...(reusable ? { caller: caller.file } : {}),
            inSub,
            ...(segment?.key === 'job_workflow_ref' ? { pinned: segment.expected } : {})
        },
        score: refuses ? 420 : reusable || inSub ? 95 : 5,
        applies: refuses || ((reusable || inSub) && !fails('sub'))
    };
}
/**
 * The two forms of a `sub`: GitHub's immutable form (`repo:OWNER@OWNER_ID/REPO@REPO_ID:…`) is used
 * by repositories created on or after 2026-07-15, opted-in ones, and any repository renamed or
 * transferred after that date (GitHub changelog 2026-04-23, configure-aws-credentials README).
 * Whichever form the token and the policy use, the fix is a condition that lists both.
 */
function immutableCandidate(input, parsed, fails) {
    const sub = input.sub ?? '';
    const ids = {
        ...(typeof input.claims.repository_owner_id === 'string'
            ? { owner: input.claims.repository_owner_id }
            : {}),
        ...(typeof input.claims.repository_id === 'string'
            ? { repository: input.claims.repository_id }
            : {})
    };
    const forms = (0,_sub_js__WEBPACK_IMPORTED_MODULE_1__/* .bothSubForms */ .Jp)(sub, ids);
    const policyHasIds = fails('sub', 'policy-has-ids');
    return {
        reason: {
            kind: 'immutable',
            form: parsed.immutable ? 'token' : policyHasIds ? 'policy' : 'neither',
            sub,
            repoPart: parsed.repoPart ?? '',
            repository: parsed.repository ?? '',
            ...(forms.length === 2
                ? { both: (0,_evaluate_js__WEBPACK_IMPORTED_MODULE_0__/* .conditionJson */ .Cc)('StringLike', claimKey(input.issuer, 'sub'), forms) }
                : {})
        },
        score: (parsed.immutable ? 95 : 5) + (fails('sub', 'token-has-ids', 'policy-has-ids') ? 300 : 0),
        applies: parsed.immutable || fails('sub', 'token-has-ids', 'policy-has-ids')
    };
}
/** The reasons the evaluated trust policy itself shows: principal, action, an explicit Deny. */
function policyCandidates(input, statement) {
    const candidates = [];
    if (statement !== undefined && !statement.principalMatches) {
        candidates.push({
            reason: {
                kind: 'principal',
                statement: statement.name,
                principal: statement.principal,
                providerArn: input.evaluation?.providerArn ?? '',
                ...(input.issuer === undefined ? {} : { issuer: input.issuer })
            },
            score: 500,
            applies: true
        });
    }
    if (statement !== undefined && !statement.actionMatches) {
        candidates.push({
            reason: { kind: 'action', statement: statement.name, actions: statement.actions },
            score: 450,
            applies: true
        });
    }
    if (input.evaluation?.decision === 'explicit-deny') {
        candidates.push({
            reason: { kind: 'explicit-deny' },
            score: 600,
            applies: true
        });
    }
    return candidates;
}
/** An EKS service account token: Kubernetes' reasons, and what the evaluated policy shows. */
function eksRankedReasons(input, issuer) {
    const statement = input.evaluation === undefined ? undefined : (0,_evaluate_js__WEBPACK_IMPORTED_MODULE_0__/* .closestStatement */ .J8)(input.evaluation);
    return [...(0,_eks_js__WEBPACK_IMPORTED_MODULE_3__/* .eksReasons */ .ln)(issuer, input.sub, statement), ...policyCandidates(input, statement)].sort((a, b) => b.score - a.score);
}
function rankedReasons(input) {
    const eks = (0,_eks_js__WEBPACK_IMPORTED_MODULE_3__/* .eksIssuer */ .Fe)(input.issuer);
    if (eks !== undefined)
        return eksRankedReasons(input, eks);
    const sub = input.sub ?? '';
    const parsed = (0,_sub_js__WEBPACK_IMPORTED_MODULE_1__/* .parseSub */ .ur)(sub);
    const repository = parsed.repository ??
        (typeof input.claims.repository === 'string' ? input.claims.repository : '');
    const statement = input.evaluation === undefined ? undefined : (0,_evaluate_js__WEBPACK_IMPORTED_MODULE_0__/* .closestStatement */ .J8)(input.evaluation);
    const failing = failingConditions(statement);
    const fails = (claim, ...hints) => failing.some(item => item.claim === claim &&
        (hints.length === 0 ||
            hints.some(match => {
                const hint = item.hint;
                if (hint === undefined)
                    return false;
                return typeof match === 'string' ? hint.kind === match : match(hint);
            })));
    const subHolds = statement !== undefined &&
        statement.conditions.some(condition => condition.key.toLowerCase().endsWith(':sub')) &&
        statement.conditions
            .filter(condition => condition.key.toLowerCase().endsWith(':sub'))
            .every(condition => condition.result === 'holds');
    const workflow = workflowCandidate(input, parsed, statement, fails);
    const candidates = [
        ...subShapeCandidates(parsed, sub, repository, fails, subHolds),
        ...(workflow === undefined ? [] : [workflow]),
        ...claimCandidates(input, parsed, repository, fails),
        ...policyCandidates(input, statement)
    ];
    return [...candidates].sort((a, b) => b.score - a.score);
}
/** The usual reasons, most likely first for this run. */
function mismatchReasons(input) {
    return rankedReasons(input).map(item => item.reason);
}
/**
 * The same reasons split by this token's evidence: those it is consistent with (most likely
 * first), and those it rules out or does not point at. Where nothing points anywhere, all apply.
 */
function splitMismatchReasons(input) {
    const ranked = rankedReasons(input);
    if (!ranked.some(item => item.applies))
        return { applicable: ranked.map(item => item.reason), others: [] };
    return {
        applicable: ranked.filter(item => item.applies).map(item => item.reason),
        others: ranked.filter(item => !item.applies).map(item => item.reason)
    };
}


/***/ }),

/***/ 2996:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   R: () => (/* binding */ oidcDoctorApplies),
/* harmony export */   n: () => (/* binding */ oidcPhase)
/* harmony export */ });
/* harmony import */ var _token_file_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4147);

function oidcDoctorApplies(discovery, settings) {
    return (settings.roleToAssume !== undefined ||
        discovery.github.oidcRequestAvailable ||
        (0,_token_file_js__WEBPACK_IMPORTED_MODULE_0__/* .webIdentityTargets */ .X)(discovery).length > 0);
}
/** The OIDC phase: the doctor where it applies (loaded then), nothing to add elsewhere. */
async function oidcPhase(discovery, settings, options) {
    if (!oidcDoctorApplies(discovery, settings))
        return { checks: [], findings: [] };
    const { runOidcDoctor } = await __webpack_require__.e(/* import() */ 964).then(__webpack_require__.bind(__webpack_require__, 8964));
    return runOidcDoctor(discovery, settings, options);
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


/***/ }),

/***/ 8199:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   IJ: () => (/* binding */ differingSegment),
/* harmony export */   Jp: () => (/* binding */ bothSubForms),
/* harmony export */   PP: () => (/* binding */ shapeName),
/* harmony export */   dj: () => (/* binding */ splitWorkflowRef),
/* harmony export */   ur: () => (/* binding */ parseSub)
/* harmony export */ });
/* unused harmony export subSegments */
/**
 * Reads the `sub` claim of a GitHub OIDC token: which of GitHub's shapes it has, and its parts.
 * The shape decides which trust-policy mistakes are likely, so it is recognised exactly:
 * GitHub's default `sub` is `repo:OWNER/REPO:` followed by `environment:NAME`, `pull_request`
 * or `ref:refs/…`, with any `:` inside a value written `%3A`; anything else is a customised
 * template. Newer repositories use the immutable form `repo:OWNER@OWNER_ID/REPO@REPO_ID:…`.
 */
const IMMUTABLE_REPO = /^([^@/:]+)@(\d+)\/([^@/:]+)@(\d+)$/u;
const PLAIN_REPO = /^[^@/:]+\/[^@/:]+$/u;
function repoParts(value) {
    const immutable = IMMUTABLE_REPO.exec(value);
    if (immutable !== null) {
        const [, owner = '', ownerId = '', repo = '', repositoryId = ''] = immutable;
        return {
            valid: true,
            immutable: true,
            repository: `${owner}/${repo}`,
            repoPart: value,
            ownerId,
            repositoryId
        };
    }
    if (PLAIN_REPO.test(value))
        return { valid: true, immutable: false, repository: value, repoPart: value };
    return { valid: false, immutable: false };
}
/** Keys GitHub allows in `include_claim_keys`, to tell a template's keys from its values. */
const TEMPLATE_KEYS = new Set([
    'repo',
    'context',
    'actor',
    'actor_id',
    'base_ref',
    'environment',
    'event_name',
    'head_ref',
    'job_workflow_ref',
    'job_workflow_sha',
    'ref',
    'ref_type',
    'repository',
    'repository_id',
    'repository_owner',
    'repository_owner_id',
    'repository_visibility',
    'runner_environment',
    'workflow',
    'workflow_ref',
    'workflow_sha',
    'enterprise',
    'enterprise_id',
    'check_run_id',
    'run_attempt'
]);
function templateKeys(segments) {
    return segments.filter((segment, index) => (TEMPLATE_KEYS.has(segment) || segment.startsWith('repo_property_')) &&
        (index === 0 || segments[index - 1] !== segment));
}
function parseSub(sub) {
    const segments = sub.split(':');
    const [first, repoValue, kind, ...rest] = segments;
    const repo = first === 'repo' && repoValue !== undefined ? repoParts(repoValue) : undefined;
    if (repo?.valid !== true)
        return { shape: 'custom', immutable: false, templateKeys: templateKeys(segments) };
    const base = repoFields(repo);
    const shape = defaultShape(kind, rest);
    if (shape !== undefined)
        return { ...base, ...shape };
    return { shape: 'custom', ...base, templateKeys: templateKeys(segments) };
}
function repoFields(repo) {
    return {
        immutable: repo.immutable,
        ...(repo.repository === undefined ? {} : { repository: repo.repository }),
        ...(repo.repoPart === undefined ? {} : { repoPart: repo.repoPart }),
        ...(repo.ownerId === undefined ? {} : { ownerId: repo.ownerId }),
        ...(repo.repositoryId === undefined ? {} : { repositoryId: repo.repositoryId })
    };
}
/** The context of one of GitHub's default shapes, or undefined for a customised template. */
function defaultShape(kind, rest) {
    if (kind === 'pull_request' && rest.length === 0)
        return { shape: 'pull_request', context: 'pull_request' };
    const value = rest.length === 1 ? (rest[0] ?? '') : '';
    if (kind === 'environment' && value !== '')
        return {
            shape: 'environment',
            context: `environment:${value}`,
            environment: decodeValue(value)
        };
    if (kind === 'ref' && value.startsWith('refs/'))
        return { shape: 'ref', context: `ref:${value}`, ref: decodeValue(value) };
    return undefined;
}
/** GitHub writes a `:` inside a value as `%3A`. */
function decodeValue(value) {
    return value.replace(/%3A/giu, ':');
}
/** The single word the model uses for the shape: the immutable form wins, since it changes the repository part. */
function shapeName(parsed) {
    return parsed.immutable ? 'immutable' : parsed.shape;
}
/**
 * The `key:value` pairs of a `sub`, split at the keys GitHub allows in a template (a value runs
 * to the next key): `repo:o/r:environment:prod:job_workflow_ref:o/w/.github/workflows/d.yml@refs/heads/main`
 * gives `repo`, `environment` and `job_workflow_ref`.
 */
function subSegments(sub) {
    const segments = [];
    for (const part of sub.split(':')) {
        const current = segments.at(-1);
        const isKey = TEMPLATE_KEYS.has(part) || part.startsWith('repo_property_');
        // `ref:refs/heads/x` and `environment:ref` keep a key-like word as a value when a key precedes it.
        if (isKey && (current === undefined || current.parts.length > 0))
            segments.push({ key: part, parts: [] });
        else if (current !== undefined)
            current.parts.push(part);
        else
            segments.push({ key: '', parts: [part] });
    }
    return segments.map(item => ({ key: item.key, value: item.parts.join(':') }));
}
/**
 * Where a `sub` pattern of the policy and the token's `sub` have the same keys in the same order
 * and differ in one value: that key and both values. It names the part of a customised `sub`
 * that refuses (a reusable workflow's `job_workflow_ref`, say), instead of the whole string.
 */
function differingSegment(patterns, sub, matches) {
    const actual = subSegments(sub);
    for (const pattern of patterns) {
        const expected = subSegments(pattern);
        if (expected.length !== actual.length)
            continue;
        if (expected.some((item, index) => item.key !== actual[index]?.key))
            continue;
        const differing = expected.filter((item, index) => !matches(item.value, actual[index]?.value ?? ''));
        const first = differing[0];
        if (differing.length === 1 && first !== undefined)
            return {
                key: first.key,
                expected: first.value,
                actual: actual[expected.indexOf(first)]?.value ?? ''
            };
    }
    return undefined;
}
/** `owner/repo/.github/workflows/file.yml@ref` → the file and the ref. */
function splitWorkflowRef(value) {
    const at = value.lastIndexOf('@');
    if (at <= 0)
        return undefined;
    return { file: value.slice(0, at), ref: value.slice(at + 1) };
}
/**
 * Both forms of a `sub`: GitHub's immutable form (`repo:OWNER@OWNER_ID/REPO@REPO_ID:…`) is used
 * by repositories created on or after 2026-07-15, opted-in ones, and after a rename or transfer
 * (GitHub changelog 2026-04-23; configure-aws-credentials README), so a policy that lists both
 * keeps working across the switch. The IDs are exact where known, else `*` (owner names hold no
 * `@`, and a `:` inside a value is written `%3A`, so the pattern stays within this repository).
 */
const IMMUTABLE_SUB = /^repo:([^@/:]+)@[^/:]+\/([^@/:]+)@[^:]+(:.*)$/u;
const NAMED_SUB = /^repo:([^@/:]+)\/([^@/:]+)(:.*)$/u;
function bothSubForms(sub, ids = {}) {
    if (IMMUTABLE_SUB.test(sub))
        return [sub, sub.replace(IMMUTABLE_SUB, 'repo:$1/$2$3')];
    if (!NAMED_SUB.test(sub))
        return [sub];
    const ownerId = ids.owner ?? '*';
    const repositoryId = ids.repository ?? '*';
    return [
        sub,
        sub.replace(NAMED_SUB, (_match, owner, repo, context) => `repo:${owner}@${ownerId}/${repo}@${repositoryId}${context}`)
    ];
}


/***/ }),

/***/ 4147:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   O: () => (/* binding */ readTokenFile),
/* harmony export */   X: () => (/* binding */ webIdentityTargets)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _jwt_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6962);
/**
 * Web identity token files (`AWS_WEB_IDENTITY_TOKEN_FILE` with `AWS_ROLE_ARN`, or a profile's
 * `web_identity_token_file` with `role_arn`): which ones the job has, and reading one. The
 * token read here is a secret: the caller masks it before anything else.
 */


/**
 * The web identity source the job uses, as discovery describes it (`details.roleArn` and
 * `details.tokenFile`, from the variables or from a profile). A web identity source that
 * another source shadows is not what the job's tools use, so it is not diagnosed here.
 */
function webIdentityTargets(discovery) {
    const selected = discovery.selected;
    if (selected?.kind !== 'web-identity')
        return [];
    const roleArn = selected.details.roleArn?.trim();
    const tokenFile = selected.details.tokenFile?.trim();
    if (roleArn === undefined || roleArn === '' || tokenFile === undefined || tokenFile === '')
        return [];
    return [{ roleArn, tokenFile, source: selected.label }];
}
/** STS accepts tokens of up to 20,000 characters; anything far larger is not a token file. */
const MAX_TOKEN_FILE_BYTES = 64 * 1024;
/** Reads a regular file of token size; a FIFO or a device would block or never end. */
function readSmallFile(path) {
    const stats = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.statSync)(path);
    if (!stats.isFile())
        throw Object.assign(new Error('not a regular file'), { code: 'ENOTFILE' });
    if (stats.size > MAX_TOKEN_FILE_BYTES)
        throw Object.assign(new Error('too large for a token'), { code: 'EFBIG' });
    return (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync)(path, 'utf8');
}
function readTokenFile(path, read = readSmallFile) {
    let text;
    try {
        text = read(path);
    }
    catch (error) {
        const code = typeof error === 'object' && error !== null ? error.code : undefined;
        if (code === 'ENOENT')
            return { ok: false, problem: 'missing' };
        return {
            ok: false,
            problem: 'unreadable',
            detail: typeof code === 'string' ? code : 'read failed'
        };
    }
    // Judged and sent trimmed: the question here is whether the token is accepted, and a trailing
    // newline (common in files written by `echo`) is not what decides that.
    const token = text.trim();
    if (token === '')
        return { ok: false, problem: 'empty' };
    if ((0,_jwt_js__WEBPACK_IMPORTED_MODULE_1__/* .decodeJwt */ .iU)(token) === undefined)
        return { ok: false, problem: 'not-jwt' };
    return { ok: true, token };
}


/***/ }),

/***/ 6670:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   BT: () => (/* binding */ maskAccessKeyId),
/* harmony export */   pO: () => (/* binding */ Redactor),
/* harmony export */   ry: () => (/* binding */ userInfoSecrets)
/* harmony export */ });
/* unused harmony exports looksLikeKeyMaterial, canBeSecret, maskForms, withoutUserInfo */
/**
 * The one way secrets leave the action: not at all. Every text the publisher writes passes
 * through `Redactor.redact`, and every secret is registered with the runner's masking first.
 */
/** Shorter values are not real secrets, and masking them would garble every log line. */
const MIN_SECRET_LENGTH = 6;
/**
 * A prefix or suffix of a secret this long counts as a leak. Middles are not redacted: text
 * that happens to share eight characters with a random secret would be garbled for nothing,
 * and nothing in the action ever prints a slice of a secret (the leak tests check every run
 * of eight characters).
 */
const FRAGMENT_LENGTH = 8;
/**
 * Only values that look like key material (base64 or token characters, letters and digits
 * mixed, 16 or more) have their ends redacted as fragments. A placeholder such as
 * `$AWS_SECRET_ACCESS_KEY` is masked whole, but its ends are ordinary words that the report
 * itself must be able to print.
 */
function looksLikeKeyMaterial(value) {
    return /^[A-Za-z0-9/+=._-]{16,}$/u.test(value) && /[0-9]/u.test(value) && /[A-Za-z]/u.test(value);
}
/**
 * Words: letters only, between `-`, `_`, `.` or spaces, each word lower-case, upper-case or
 * capitalised (`credentials`, `AWS_SECRET_ACCESS_KEY`, `SecretAccessKey`). The action's own
 * text is made of such words (finding IDs, severities, headings), and no key, secret or token
 * has this shape: a 40-character secret without a digit, `/` or `+` whose capitals all begin
 * words is practically impossible.
 */
const MAX_WORDS_LENGTH = 64;
const PLAIN_WORDS = /^(?:[A-Z]+|[A-Z]?[a-z]+)(?:[-_. ](?:[A-Z]+|[A-Z]?[a-z]+)|[A-Z][a-z]+)*$/u;
/**
 * Whether a value can be a secret, and so is masked. A value such as `credentials` in the
 * secret's place is a placeholder, not a secret; registered with the runner it would be
 * masked in every later line of the job, finding IDs and headings included
 * (`no-***`), and the report would be unreadable.
 */
function canBeSecret(form) {
    if (form.length < MIN_SECRET_LENGTH)
        return false;
    // Longer values are masked whatever they hold (and the test stays cheap on huge ones).
    if (form.length > MAX_WORDS_LENGTH)
        return true;
    // Separators at the ends too: `-file-` is part of `credentials-file-malformed`.
    const words = form.replace(/^[-_.\s]+|[-_.\s]+$/gu, '');
    return words !== '' && !PLAIN_WORDS.test(words);
}
/** The forms of a secret worth masking: as given, trimmed, and each line of it. */
function maskForms(value) {
    const forms = new Set([value, value.trim(), ...value.split(/\r?\n|\r/u).map(line => line.trim())]);
    return [...forms].filter(canBeSecret);
}
/** Characters that end a URL's authority (host and user info) in running text. */
const AUTHORITY_END = new Set([
    '/',
    '?',
    '#',
    ' ',
    '\t',
    '\r',
    '\n',
    '`',
    '"',
    "'",
    '<',
    '>',
    ')',
    ']',
    '|'
]);
/**
 * `text` with the user info (`user:password@`) of every URL in it dropped, so that
 * `https://user:PASS@host/` is shown as `https://host/`. One scan from left to right: linear
 * in the length of the text whatever it holds.
 */
function withoutUserInfo(text) {
    let result = '';
    let from = 0;
    for (let at = text.indexOf('://'); at !== -1; at = text.indexOf('://', from)) {
        const start = at + 3;
        let end = start;
        let lastAt = -1;
        while (end < text.length && !AUTHORITY_END.has(text.charAt(end))) {
            if (text.charAt(end) === '@')
                lastAt = end;
            end += 1;
        }
        result += text.slice(from, start);
        result += lastAt === -1 ? text.slice(start, end) : text.slice(lastAt + 1, end);
        from = end;
    }
    return result + text.slice(from);
}
/** The user name and password of each URL in `text`, decoded: values to mask. */
function userInfoSecrets(text) {
    const found = [];
    for (let at = text.indexOf('://'); at !== -1; at = text.indexOf('://', at + 3)) {
        const start = at + 3;
        let end = start;
        while (end < text.length && !AUTHORITY_END.has(text.charAt(end)))
            end += 1;
        const authority = text.slice(start, end);
        const lastAt = authority.lastIndexOf('@');
        if (lastAt === -1)
            continue;
        for (const part of authority.slice(0, lastAt).split(':')) {
            found.push(part);
            try {
                found.push(decodeURIComponent(part));
            }
            catch {
                // A malformed escape: the raw form is masked.
            }
        }
    }
    return found.filter(part => part !== '');
}
class Redactor {
    secrets = new Set();
    /** Registers a secret; returns the forms that are new, for the runner's masking. */
    add(value) {
        if (value === undefined)
            return [];
        const added = maskForms(value).filter(form => !this.secrets.has(form));
        for (const form of added)
            this.secrets.add(form);
        return added;
    }
    redact(text) {
        let result = text;
        let before;
        // Until nothing changes: a secret that starts or ends with `*` can re-form around the
        // `***` that replaced another copy of it. Each pass only shortens the text, so this ends.
        do {
            before = result;
            for (const secret of this.secrets) {
                if (result.includes(secret))
                    result = result.split(secret).join('***');
                if (secret.length <= FRAGMENT_LENGTH || !looksLikeKeyMaterial(secret))
                    continue;
                for (const fragment of [secret.slice(0, FRAGMENT_LENGTH), secret.slice(-FRAGMENT_LENGTH)]) {
                    if (result.includes(fragment))
                        result = result.split(fragment).join('***');
                }
            }
        } while (result !== before);
        return withoutUserInfo(result);
    }
}
/** An access key ID shown as its first four and last four characters. */
function maskAccessKeyId(value) {
    if (value === undefined || value === '')
        return '';
    // Quotes and invisible characters are reported by their own findings, not shown here.
    const printable = value.replace(/[^\x21-\x7e]|["'`]/gu, '');
    // Key IDs are upper-case letters and digits. Other characters mean a secret in the key ID's
    // place (swapped keys), and four characters at each end of a secret are eight too many.
    if (printable.length < 12 || /[^A-Z0-9]/u.test(printable))
        return '****';
    return `${printable.slice(0, 4)}…${printable.slice(-4)}`;
}


/***/ }),

/***/ 7117:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   P: () => (/* binding */ fallThroughFindings),
/* harmony export */   w: () => (/* binding */ judgeFallThrough)
/* harmony export */ });
/* harmony import */ var _findings_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1001);
/* harmony import */ var _aws_credential_source_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6748);
/* harmony import */ var _markdown_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4285);
/**
 * A profile the JS SDK passes over, judged by what this run's remote phase saw. The SDK's
 * profile provider refuses a profile it cannot use (one neither file defines, a role profile
 * whose `source_profile` is missing) with an error that lets its chain go on, so it takes the
 * next source (the container endpoint, the instance metadata service); the AWS CLI stops at the
 * profile (measured in __tests__/differential/role-profiles.test.ts). Offline, the check cannot
 * know whether that next source works; here it is known:
 * - it gave credentials STS accepted: the job works for the JS SDK, so a missing profile is a
 *   warning (only `aws` commands stop), never the error that fails the step;
 * - it gave none: the missing profile is the error and the cause, with the source's answer as
 *   its evidence; the source's own finding follows as a warning (validate.ts makes it one), and
 *   the remote phase's "no credentials" about the profile is superseded by it (`supersedes` in
 *   src/findings.ts).
 * Only the severity, title and words of offline `profile-not-found` findings change; which
 * findings are kept is still decided by src/report/supersede.ts alone.
 *
 * Where the profile is no missing one (a role profile whose `credential_source` has nothing to
 * read, a loop), the remote phase itself reports the profile as the cause, with the later
 * source's finding after it as a warning (fallThroughFindings, called by src/aws/validate.ts).
 * On a runner where no later source is there (GitHub-hosted, IMDS off) the same profile is the
 * cause too, so the words match the ones given there.
 */



/** The remote findings that say the later source gave nothing. */
const LATER_FAILURES = new Set([
    'container-credentials-failed',
    'instance-metadata-failed'
]);
function originKey(origin) {
    return JSON.stringify(origin ?? null);
}
/** The missing profile a `profile-not-found` finding is about, where the JS SDK reads it. */
function missingOf(item, discovery, fall) {
    if (item.id !== 'profile-not-found')
        return undefined;
    const key = originKey(item.location?.origin);
    const missing = discovery.shared?.missingProfiles.find(candidate => originKey(candidate.origin) === key);
    // The `profile` input names the profile this action examines: it stays as the check judged it.
    if (missing === undefined || missing.origin.kind === 'input')
        return undefined;
    return fall.profiles.has(missing.referencedBy ?? missing.name) ? missing : undefined;
}
/**
 * The offline words already say what each tool does (`whatToolsDo`: the CLI's failure, which
 * `fallThroughOf` requires), so the outcome adds only that the JS SDK's next source worked.
 */
function worked(item, fall, remote) {
    if (item.severity !== 'error')
        return item;
    const label = (0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeText */ .X1)(fall.label);
    return {
        ...item,
        severity: 'warning',
        title: `${item.title}: the JS SDK uses ${label} instead, the AWS CLI stops`,
        message: `${item.message} Here the AWS SDK for JavaScript passed the profile over (its profile provider's refusal lets the chain go on) and took ${label}, whose credentials STS accepted${remote.identity === undefined ? '' : ` as ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeText */ .X1)(remote.identity.arn)}`}: this step and Node-based tools work, as that identity. The AWS CLI stops, so \`aws\` commands in this job fail. This does not fail the step.`
    };
}
function failed(item, fall, cause) {
    const label = (0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeText */ .X1)(fall.label);
    return {
        ...item,
        severity: 'error',
        // The offline words already say what each tool does with the profile; this adds the outcome.
        message: `${item.message} Here nothing else works either: ${label} gave the JS SDK no credentials (${cause.title}), so its chain ends with "Could not load credentials from any providers". The missing profile is what to fix: ${label} is only what the JS SDK asked next.`,
        evidence: [
            ...(item.evidence ?? []),
            `${label}: ${cause.title}`,
            ...(cause.evidence ?? []).map(line => `${label} ${line}`)
        ]
    };
}
/**
 * The offline findings, with each `profile-not-found` about a profile the JS SDK passed over
 * judged by what the source it took instead gave.
 */
function judgeFallThrough(offline, discovery, remote) {
    const fall = (0,_aws_credential_source_js__WEBPACK_IMPORTED_MODULE_1__/* .fallThroughOf */ .Ej)(discovery);
    if (fall === undefined)
        return [...offline];
    // The later source's own finding, kept as a warning after the profile's error (validate.ts).
    const cause = remote.findings.find(item => LATER_FAILURES.has(item.id));
    return offline.map(item => {
        if (missingOf(item, discovery, fall) === undefined)
            return item;
        // An identity from another source (the assumed role of `role-to-assume`) proves nothing here.
        if (remote.identity !== undefined && (remote.credentialSource ?? fall.kind) === fall.kind)
            return worked(item, fall, remote);
        if (remote.identity !== undefined)
            return item;
        return cause === undefined ? item : failed(item, fall, cause);
    });
}
const CHAIN_END = '"Could not load credentials from any providers"';
function why(discovery, fall) {
    const profile = (0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeText */ .X1)(fall.profile);
    const role = (0,_aws_credential_source_js__WEBPACK_IMPORTED_MODULE_1__/* .passedOverRoleProfile */ .ye)(discovery, fall.profile);
    if (role === undefined)
        return {
            title: `Profile "${profile}" gives the SDK no credentials`,
            message: `The AWS SDK for JavaScript passes profile "${profile}" over.`
        };
    return {
        title: `Profile "${profile}" cannot assume its role`,
        message: `The ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeText */ .X1)(role.label)} assumes ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(role.details.roleArn ?? '')}, but ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeText */ .X1)(role.skipped ?? '')}. The AWS SDK for JavaScript passes the profile over.`
    };
}
/**
 * `provider` is the later source's own finding (instance-metadata-failed,
 * container-credentials-failed): kept, as a warning, after the profile's error.
 */
function fallThroughFindings(discovery, fall, provider) {
    const label = (0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeText */ .X1)(fall.label);
    const next = `It goes on to ${label}, which gave no credentials either (${provider.title}), so its chain ends with ${CHAIN_END}; the AWS CLI stops with "${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeText */ .X1)(fall.cliFailure)}". The profile is what to fix: ${label} is only what the JS SDK tried next.`;
    const gap = (0,_aws_credential_source_js__WEBPACK_IMPORTED_MODULE_1__/* .credentialSourceGap */ .nS)(discovery);
    const own = why(discovery, fall);
    const cause = (0,_findings_js__WEBPACK_IMPORTED_MODULE_0__/* .finding */ .gk)('no-credentials', {
        title: gap?.title ?? own.title,
        source: (0,_aws_credential_source_js__WEBPACK_IMPORTED_MODULE_1__/* .passedOverRoleProfile */ .ye)(discovery, fall.profile)?.label ??
            `profile "${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeText */ .X1)(fall.profile)}"`,
        message: `${gap === undefined ? own.message : `${gap.message} The AWS SDK for JavaScript passes the profile over.`} ${next}`,
        remediation: gap?.remediation ??
            `Make profile "${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeText */ .X1)(fall.profile)}" usable: defined in the config or credentials file, and, for a role profile, a \`source_profile\` chain that ends at a profile with credentials. Where ${label} is what the job should use, do not select the profile (no \`AWS_PROFILE\`), so that both tools use it.`,
        evidence: [
            ...(gap?.evidence ?? []),
            `JS SDK → profile "${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeText */ .X1)(fall.profile)}" passed over, then ${label}: ${provider.title}`,
            `AWS CLI → stops with "${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeText */ .X1)(fall.cliFailure)}"`,
            ...(provider.evidence ?? [])
        ]
    });
    return [cause, { ...provider, severity: 'warning' }];
}


/***/ }),

/***/ 4285:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CQ: () => (/* binding */ originText),
/* harmony export */   Cw: () => (/* binding */ withoutMentions),
/* harmony export */   Hn: () => (/* binding */ cell),
/* harmony export */   Uy: () => (/* binding */ inlineSegments),
/* harmony export */   X1: () => (/* binding */ escapeText),
/* harmony export */   ZD: () => (/* binding */ escapeHtml),
/* harmony export */   aY: () => (/* binding */ code),
/* harmony export */   dn: () => (/* binding */ breakMentions),
/* harmony export */   nf: () => (/* binding */ link),
/* harmony export */   ph: () => (/* binding */ codeText),
/* harmony export */   pn: () => (/* binding */ pathSegment),
/* harmony export */   wh: () => (/* binding */ plainText),
/* harmony export */   zW: () => (/* binding */ fencedBlock)
/* harmony export */ });
/* unused harmony export safeUrl */
/* harmony import */ var _log_line_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8975);

/**
 * `text` on one line, and without NUL, which Markdown parsers replace: both shown as visible
 * escapes (`\n`, `\u0000`).
 */
function visible(text) {
    return (0,_log_line_js__WEBPACK_IMPORTED_MODULE_0__/* .visibleLineBreaks */ .lV)(text).replace(/\0/gu, '\\u0000');
}
/** The longest run of backticks in `text`: a code span's fence must be longer. */
function longestBacktickRun(text) {
    let longest = 0;
    for (const match of text.matchAll(/`+/gu))
        longest = Math.max(longest, match[0].length);
    return longest;
}
/**
 * A fenced code block around `lines`: the fence is longer than any run of backticks inside
 * (at least three), so no line of the content can close it.
 */
function fencedBlock(lines, language = '') {
    const fence = '`'.repeat(Math.max(3, longestBacktickRun(lines.join('\n')) + 1));
    return [`${fence}${language}`, ...lines, fence];
}
/**
 * An inline code span that shows `text` as it is. The fence is one backtick longer than any run
 * inside (CommonMark ends a span at the first run of its own length), and a space pads both
 * ends where the text starts or ends with a backtick or a space (the parser strips one space
 * from each end, and a backtick beside the fence would lengthen it). A span must stay on one
 * line, so line breaks (and NUL) are shown as visible escapes.
 */
function code(text) {
    const shown = visible(text);
    // An empty span is no span at all: an empty HTML code element shows the emptiness.
    if (shown === '')
        return '<code></code>';
    const fence = '`'.repeat(longestBacktickRun(shown) + 1);
    // Only spaces: the parser strips nothing, and padding would be shown.
    const pad = /^ +$/u.test(shown) ? '' : /^[ `]|[ `]$/u.test(shown) ? ' ' : '';
    return `${fence}${pad}${shown}${pad}${fence}`;
}
const HTML_ESCAPES = {
    '&': '&amp;',
    '<': '&lt;',
    '>': '&gt;',
    '"': '&quot;',
    "'": '&#39;'
};
/**
 * Text inside HTML (a `<summary>`, an attribute, the comment's footer): no tag, entity or
 * attribute can start. Whether Markdown goes on inside depends on where the HTML stands (not in
 * an HTML block, yes in a paragraph), so the characters Markdown acts on are written as numeric
 * entities as well, which both show as the character itself.
 */
function escapeHtml(text) {
    return visible(text).replace(/[&<>"'\\`*_[\]!|~$:@#]|(?<=www)\./giu, character => HTML_ESCAPES[character] ?? `&#${character.charCodeAt(0)};`);
}
/**
 * The characters that can start Markdown inside a line: emphasis (`_` only at a word's edge,
 * where it can open or close), code, links and images, HTML and entities, table cells,
 * strikethrough (not the `~` of a home path), GitHub's math, and the autolinks GFM makes of
 * bare text (`http://`, `a@b`, `www.`).
 */
const PROSE_SPECIAL = /[\\`*[\]<>&|$@]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])|~(?!\/)|:(?=\/)|(?<=www)\./giu;
/**
 * An untrusted value in Markdown prose, where a code span does not fit (a source's label in a
 * sentence): every character that could open Markdown backslash-escaped, which CommonMark
 * shows as the character itself, what would start a block (a list, a heading) where the value
 * begins a line too, and no line break. Plain words, paths and
 * dashes stay as they are, so the raw text still reads well.
 */
function escapeText(text) {
    return (visible(text)
        .replace(PROSE_SPECIAL, '\\$&')
        .replace(/^[-+#=]/u, '\\$&')
        .replace(/^(\d+)([.)])/u, '$1\\$2')
        // A value's own `? ` or `. ` ends no sentence of the report: escaped, it renders the same,
        // and the summary's sentence splitter (src/report/summary.ts) never cuts the value there.
        .replace(/(?<!\\)[.!?](?=\s)/gu, '\\$&'));
}
/**
 * Inline Markdown cut at its code spans as CommonMark finds them: a backtick run opens a span
 * that the next run of the same length closes; a run without its match is text, and so is a
 * backslash-escaped backtick.
 */
function inlineSegments(markdown) {
    const segments = [];
    let text = '';
    let index = 0;
    while (index < markdown.length) {
        const character = markdown[index];
        if (character === '\\' && index + 1 < markdown.length) {
            text += markdown.slice(index, index + 2);
            index += 2;
            continue;
        }
        if (character !== '`') {
            text += character;
            index += 1;
            continue;
        }
        const fence = /^`+/u.exec(markdown.slice(index))?.[0] ?? '`';
        const close = closingFence(markdown, index + fence.length, fence.length);
        if (close === undefined) {
            text += fence;
            index += fence.length;
            continue;
        }
        if (text !== '')
            segments.push({ kind: 'text', raw: text });
        text = '';
        const content = markdown.slice(index + fence.length, close);
        segments.push({ kind: 'code', raw: markdown.slice(index, close + fence.length), content });
        index = close + fence.length;
    }
    if (text !== '')
        segments.push({ kind: 'text', raw: text });
    return segments;
}
/** Where the run of exactly `length` backticks that closes a span begins, if any. */
function closingFence(markdown, from, length) {
    for (const match of markdown.slice(from).matchAll(/`+/gu))
        if (match[0].length === length)
            return from + match.index;
    return undefined;
}
/** What a code span shows: its content, one padding space stripped from each end. */
function codeText(content) {
    return /^ .*[^ ].* $/su.test(content) ? content.slice(1, -1) : content;
}
/**
 * Text for a GFM table cell: no pipe that would start a cell, no line break that would end the
 * row. A pipe is escaped `\|`, which GFM takes back out before it parses the cell, inside code
 * spans too. A code span holding a backslash right before a pipe cannot be written so (the
 * escape would take the backslash as its own), so it becomes an HTML code element instead.
 */
function cell(text) {
    return inlineSegments(text.replace(/\r?\n/gu, ' '))
        .map(segment => {
        if (segment.kind === 'text')
            return segment.raw.replace(/(?<!\\)((?:\\\\)*)\|/gu, '$1\\|');
        const content = codeText(segment.content);
        if (!/\\\|/u.test(content))
            return segment.raw.replace(/\|/gu, '\\|');
        return `<code>${escapeHtml(content).replace(/\|/gu, '&#124;').replace(/\\/gu, '&#92;')}</code>`;
    })
        .join('');
}
/** `@` where GitHub would read a mention, followed by a word joiner that breaks it. */
const MENTION = /@(?=[\p{L}\p{N}_-])/gu;
/**
 * A value with no `@user` or `@org/team` that would notify anyone: a word joiner after each
 * `@` keeps it readable and breaks the mention. For a value about to be escaped; Markdown
 * goes through `withoutMentions`.
 */
function breakMentions(text) {
    return text.replace(MENTION, '@\u2060');
}
/**
 * Markdown for the pull request comment, with no mention in its prose. Code spans are left as
 * they are: GitHub does not mention from inside them, and the value must stay exact there.
 */
function withoutMentions(markdown) {
    return inlineSegments(markdown)
        .map(segment => (segment.kind === 'code' ? segment.raw : breakMentions(segment.raw)))
        .join('');
}
/**
 * A URL as a link destination, or undefined unless it is http(s). The parsed URL is encoded
 * already; the characters Markdown would end or break a destination at are encoded too.
 */
function safeUrl(url) {
    let parsed;
    try {
        parsed = new URL(url);
    }
    catch {
        return undefined;
    }
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
        return undefined;
    return parsed.href.replace(/[()<>\s"'`\\[\]*_]/gu, character => `%${character.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
/** A Markdown link to `url`, or the label alone where the URL is not http(s). */
function link(label, url) {
    const href = safeUrl(url);
    return href === undefined ? label : `[${label}](${href})`;
}
/** A URL path segment from a value (a repository, a ref): nothing in it can end the segment. */
function pathSegment(value) {
    // A lone surrogate has no UTF-8 form to encode: it becomes U+FFFD, as a browser would send it.
    return encodeURIComponent(value.replace(/[\uD800-\uDFFF]/gu, '\uFFFD'));
}
/**
 * Inline Markdown as plain text (annotations, the terminal): code spans as what they show,
 * links as `label (url)`, emphasis and backslash escapes taken out.
 */
function plainText(markdown) {
    return inlineSegments(markdown)
        .map(segment => segment.kind === 'code'
        ? codeText(segment.content)
        : segment.raw
            .replace(/\[([^\]]+)\]\(([^)]+)\)/gu, '$1 ($2)')
            .replace(/\*\*([^*]+)\*\*/gu, '$1')
            .replace(/\\([!-/:-@[-`{-~])/gu, '$1'))
        .join('');
}
function originText(origin) {
    switch (origin.kind) {
        case 'env':
            return code(origin.name);
        case 'input':
            return `input ${code(origin.name)}`;
        case 'file':
            return `${code(origin.path)} line ${origin.line}`;
        case 'default':
            return origin.name;
    }
}


/***/ }),

/***/ 8409:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   CD: () => (/* binding */ suggestedPolicies),
/* harmony export */   LU: () => (/* binding */ likeliestReason),
/* harmony export */   QX: () => (/* binding */ splitMismatchReasons),
/* harmony export */   UE: () => (/* binding */ issuerKeysNote),
/* harmony export */   Z0: () => (/* binding */ permissiveText),
/* harmony export */   bF: () => (/* binding */ describeFailingCondition),
/* harmony export */   dx: () => (/* binding */ hintText),
/* harmony export */   ju: () => (/* binding */ lookupNote),
/* harmony export */   k$: () => (/* binding */ eksProviderRemediation),
/* harmony export */   kH: () => (/* binding */ eksAudienceNote),
/* harmony export */   ls: () => (/* binding */ eksTrustRemediation),
/* harmony export */   t6: () => (/* binding */ statementText),
/* harmony export */   vJ: () => (/* binding */ describeShape)
/* harmony export */ });
/* unused harmony exports reasonText, reasonSentence, mismatchReasons */
/* harmony import */ var _oidc_claims_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2704);
/* harmony import */ var _oidc_eks_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(3088);
/* harmony import */ var _oidc_evaluate_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2934);
/* harmony import */ var _oidc_explain_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9338);
/* harmony import */ var _markdown_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4285);
/* harmony import */ var _quoting_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6721);






/**
 * For an issuer other than github.com's default (a GitHub Enterprise Server's
 * `https://HOST/_services/token`, an enterprise's `https://token.actions.githubusercontent.com/SLUG`):
 * IAM names the provider and the condition keys after the issuer's host and path, so a policy
 * written with `token.actions.githubusercontent.com:sub` never sees this token's claims.
 * Empty for the default issuer.
 */
function issuerKeysNote(issuer) {
    const host = (0,_oidc_claims_js__WEBPACK_IMPORTED_MODULE_3__/* .issuerHost */ .c1)(issuer);
    if (host === undefined || host === _oidc_claims_js__WEBPACK_IMPORTED_MODULE_3__/* .GITHUB_ISSUER_HOST */ .vg)
        return '';
    return `This token's issuer is ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(issuer ?? '')}, so IAM names its provider ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(`oidc-provider/${host}`)} and its condition keys ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(`${host}:sub`)} and ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(`${host}:aud`)}: a trust policy written with ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(`${_oidc_claims_js__WEBPACK_IMPORTED_MODULE_3__/* .GITHUB_ISSUER_HOST */ .vg}:sub`)} or \`…:aud\` (github.com's default issuer) does not apply to it.`;
}
/** A noun phrase describing the shape ("GitHub's default form for …"), for the summary and the claims notice. */
function describeShape(parsed) {
    const ids = parsed.immutable
        ? ` in the immutable form with owner ID ${parsed.ownerId ?? '?'} and repository ID ${parsed.repositoryId ?? '?'}`
        : '';
    switch (parsed.shape) {
        case 'environment':
            return `GitHub's default form for a job that uses an environment (${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(`environment:${parsed.environment ?? ''}`)})${ids}`;
        case 'pull_request':
            return `GitHub's default form for a pull request event (\`pull_request\`)${ids}`;
        case 'ref':
            return `GitHub's default form for a branch or tag (${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(`ref:${parsed.ref ?? ''}`)})${ids}`;
        case 'custom': {
            const keys = parsed.templateKeys !== undefined && parsed.templateKeys.length > 0
                ? ` (keys: ${parsed.templateKeys.map(key => (0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(key)).join(', ')})`
                : '';
            return `a customised \`sub\` template${keys}${ids}`;
        }
    }
}
function accountWords(account) {
    return `service account ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(account.name)} in namespace ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(account.namespace)}`;
}
function kubectlAnnotate(account, roleArn) {
    const namespace = account?.namespace ?? 'NAMESPACE';
    const name = account?.name ?? 'SERVICE_ACCOUNT';
    return `kubectl annotate serviceaccount -n ${(0,_quoting_js__WEBPACK_IMPORTED_MODULE_4__/* .shellArg */ .JP)(namespace)} ${(0,_quoting_js__WEBPACK_IMPORTED_MODULE_4__/* .shellArg */ .JP)(name)} ${(0,_quoting_js__WEBPACK_IMPORTED_MODULE_4__/* .shellArg */ .JP)(`eks.amazonaws.com/role-arn=${roleArn}`)} --overwrite`;
}
/** The fix for a trust policy that refuses a service account token: the policy, or the annotation. */
function eksTrustRemediation(refusal) {
    const account = (0,_oidc_eks_js__WEBPACK_IMPORTED_MODULE_5__/* .serviceAccountOf */ .gw)(refusal.sub);
    const roleName = refusal.roleArn.split('/').pop() ?? 'ROLE';
    const sub = refusal.sub ?? 'system:serviceaccount:NAMESPACE:SERVICE_ACCOUNT';
    const statement = (0,_oidc_eks_js__WEBPACK_IMPORTED_MODULE_5__/* .serviceAccountStatement */ .gN)(refusal.issuer, refusal.providerArn, sub, refusal.audience ?? 'sts.amazonaws.com');
    return [
        `If this pod's ${account === undefined ? 'service account' : accountWords(account)} should use the role, add a statement that admits it to the role's trust policy (keys named after this cluster's issuer, ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(refusal.issuer.host)}):`,
        '',
        ...(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .fencedBlock */ .zW)([statement], 'json'),
        '',
        `Read the current policy with ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(`aws iam get-role --role-name ${(0,_quoting_js__WEBPACK_IMPORTED_MODULE_4__/* .shellArg */ .JP)(roleName)} --query Role.AssumeRolePolicyDocument`)}, add the statement, and apply it with ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(`aws iam update-assume-role-policy --role-name ${(0,_quoting_js__WEBPACK_IMPORTED_MODULE_4__/* .shellArg */ .JP)(roleName)} --policy-document file://trust.json`)} (it replaces the whole policy).`,
        '',
        `If the pod should use another role, point its service account at that role and restart the pod (the EKS webhook sets \`AWS_ROLE_ARN\` from the annotation when the pod starts): ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(kubectlAnnotate(account, 'arn:aws:iam::ACCOUNT:role/OTHER'))}. A pod spec without \`serviceAccountName\` runs as the namespace's \`default\` service account.`
    ].join('\n');
}
/** The fix for a cluster whose issuer has no IAM OIDC provider in the role's account. */
function eksProviderRemediation(issuer, account, audience) {
    return [
        `Register the cluster's issuer as an IAM OIDC provider in account ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(account)}, once per cluster:`,
        '',
        ...(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .fencedBlock */ .zW)(['eksctl utils associate-iam-oidc-provider --cluster CLUSTER --approve'], 'sh'),
        '',
        'or, without eksctl:',
        '',
        // Its own block, not a comment after eksctl's: a quoted value may span lines.
        ...(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .fencedBlock */ .zW)([
            `aws iam create-open-id-connect-provider --url ${(0,_quoting_js__WEBPACK_IMPORTED_MODULE_4__/* .shellArg */ .JP)(`https://${issuer.host}`)} --client-id-list ${(0,_quoting_js__WEBPACK_IMPORTED_MODULE_4__/* .shellArg */ .JP)(audience)}`
        ], 'sh'),
        '',
        `${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)('aws eks describe-cluster --name CLUSTER --query cluster.identity.oidc.issuer')} prints each cluster's issuer: a cluster created again has a new ID, and its old provider no longer matches. The role must be in the account that holds the provider.`
    ].join('\n');
}
/**
 * For an EKS token whose audience the provider does not list: where that audience comes from.
 * The pod identity webhook projects the token for the service account's
 * `eks.amazonaws.com/audience` annotation, `sts.amazonaws.com` without one. Empty otherwise.
 */
function eksAudienceNote(issuer) {
    if ((0,_oidc_eks_js__WEBPACK_IMPORTED_MODULE_5__/* .eksIssuer */ .Fe)(issuer) === undefined)
        return '';
    return " On EKS the token's audience is the service account's `eks.amazonaws.com/audience` annotation (`sts.amazonaws.com` without one): remove or correct it (`kubectl annotate serviceaccount -n NAMESPACE NAME eks.amazonaws.com/audience-`) and restart the pod, or add that audience to the provider.";
}
function said(heading, body) {
    return { heading, body };
}
/** One reason a trust policy refuses a token, as an item of the list of reasons: heading in bold. */
function reasonText(reason) {
    const words = reasonWords(reason);
    return `**${words.heading}** ${words.body}`;
}
/** The same reason as a plain sentence, for a finding's message. */
function reasonSentence(reason) {
    const words = reasonWords(reason);
    return `${words.heading} ${words.body}`;
}
function reasonWords(reason) {
    switch (reason.kind) {
        case 'environment':
            return reason.uses === undefined
                ? said('An environment replaces the branch.', 'A job that uses `environment:` presents `…:environment:NAME` instead of `…:ref:refs/heads/BRANCH`; a policy written for one does not match the other.')
                : said(`An environment replaces the branch.`, `This job uses the environment ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(reason.uses.environment)}, so its \`sub\` is ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(reason.sub)}. A policy that pins a branch (\`…:ref:refs/heads/main\`) never matches a job that uses an environment: match ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(reason.uses.match)} instead.`);
        case 'pull-request':
            return reason.match === undefined
                ? said('Pull requests present `:pull_request`.', 'Pull request events present `…:pull_request` instead of the branch; a policy that lists branches does not match them.')
                : said(`Pull requests present \`:pull_request\`.`, `This run is a pull request event, so its \`sub\` is ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(reason.sub)}, not the branch: add ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(reason.match)} to the policy if pull requests should use the role.`);
        case 'other-ref':
            return said(`Another branch or tag.`, `This run is on ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(reason.ref)}, so its \`sub\` is ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(reason.sub)}; a policy that pins another branch${reason.ref === 'refs/heads/main' ? '' : ' (often `main`)'} or a tag does not match.`);
        case 'custom-sub':
            return said(`A customised \`sub\` template.`, `This repository or organisation customised the \`sub\` claim (${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(reason.sub)}), so a policy written for the default \`repo:OWNER/REPO:…\` form does not match.`);
        case 'letter-case':
            return said(`Letter case.`, `\`StringEquals\` and \`StringLike\` compare case-sensitively, and the \`sub\` carries GitHub's real casing (${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(reason.repository)})${reason.capitals ? ', which has capitals' : ''}: the owner and repository in the policy must be written exactly the same way.`);
        case 'equals-wildcard':
            return said('`StringEquals` with a wildcard.', '`StringEquals` takes `*` literally, so `"repo:OWNER/REPO:*"` under `StringEquals` matches nothing; patterns need `StringLike`.');
        case 'issuer-keys':
            return said(`The issuer's condition keys.`, `${issuerKeysNote(reason.issuer)} Write the conditions with ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(reason.subKey)} and ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(reason.audKey)}.`);
        case 'audience':
            return said(`The audience.`, `The token's \`aud\` is ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(reason.audience)} (the \`audience\` input); the policy's ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(reason.audKey)} condition must name the same value (GitHub's older docs used \`https://github.com/OWNER\`).`);
        case 'workflow-ref':
            return workflowRefText(reason);
        case 'immutable':
            return immutableText(reason);
        case 'principal': {
            const note = issuerKeysNote(reason.issuer);
            return said(`The principal.`, `${statementText(reason.statement)} trusts ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(reason.principal.join(', ') || '(none)')}, not the provider this token maps to in the role's account (${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(reason.providerArn)}); a trailing slash or another account's provider ARN is a common slip.${note === '' ? '' : ` ${note}`}`);
        }
        case 'action':
            return said(`The action.`, `${statementText(reason.statement)} allows ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(reason.actions.join(', ') || '(none)')}; web identity needs ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(_oidc_evaluate_js__WEBPACK_IMPORTED_MODULE_0__/* .ACTION */ .hr)}.`);
        case 'explicit-deny':
            return said('An explicit Deny.', 'A `Deny` statement of the trust policy matches this token, and a Deny wins over any Allow.');
        default:
            return eksReasonText(reason);
    }
}
function workflowRefText(reason) {
    const where = reason.inSub
        ? 'the `job_workflow_ref` part of its customised `sub`'
        : 'its `job_workflow_ref` condition';
    const pinned = reason.pinned === undefined ? '' : ` (the policy expects ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(reason.pinned)})`;
    return said(`The reusable workflow's ref (\`job_workflow_ref\`).`, `This job runs ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(reason.file)} at ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(reason.ref)}${reason.caller === undefined ? '' : `, called from ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(reason.caller)}`}: the claim \`job_workflow_ref\` is ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(reason.value)}. A trust policy that pins ${where} to another ref of that workflow${pinned} refuses this job whatever branch or tag the caller runs on: admit the ref the callers use (${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(reason.value)}), or ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(`${reason.file}@*`)} for every ref of it.`);
}
function immutableText(reason) {
    const both = reason.both === undefined ? '' : ` A condition that admits both forms: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(reason.both)}.`;
    const why = 'GitHub uses it for repositories created on or after 2026-07-15, for repositories that opted in, and for any repository renamed or transferred after that date';
    switch (reason.form) {
        case 'token':
            return said(`The immutable \`sub\` with IDs.`, `This token presents ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(`repo:${reason.repoPart}:…`)}, the form with the owner and repository IDs: ${why}. A policy written with names only (${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(`repo:${reason.repository}:…`)}) does not match it.${both}`);
        case 'policy':
            return said(`The immutable \`sub\` with IDs.`, `The policy is written in the immutable form (\`repo:OWNER@ID/REPO@ID:…\`), but this token presents names only (${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(reason.sub)}): ${why}, and this repository does not use it (yet).${both}`);
        case 'neither':
            return said(`The immutable \`sub\` with IDs.`, `Repositories created since mid-2026 (or opted in, renamed or transferred) present \`repo:OWNER@OWNER_ID/REPO@REPO_ID:…\`; this token does not, so a policy written with IDs would not match it.${both}`);
    }
}
function eksReasonText(reason) {
    switch (reason.kind) {
        case 'eks-service-account': {
            const account = (0,_oidc_eks_js__WEBPACK_IMPORTED_MODULE_5__/* .serviceAccountOf */ .gw)(reason.sub);
            const who = account === undefined
                ? `the subject ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(reason.sub ?? '(none)')}`
                : accountWords(account);
            return said(`The namespace or service account.`, `This pod runs as ${who}, so its \`sub\` is ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(reason.sub ?? '(none)')}. The trust policy's ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(`${reason.host}:sub`)} condition must name exactly that (\`StringEquals\`), or a \`StringLike\` pattern such as ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(`system:serviceaccount:${account?.namespace ?? 'NAMESPACE'}:*`)}: a pod in another namespace, or a pod spec without \`serviceAccountName\` (it runs as \`default\`), presents another \`sub\`.`);
        }
        case 'eks-issuer':
            return said(`Another cluster's issuer.`, `The condition keys and the \`Federated\` principal must name this cluster's issuer, ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(reason.host)}: a policy copied from another cluster, or written before the cluster was created again, names another ID, and its conditions are not in this request at all.`);
        case 'eks-audience':
            return said(`The audience.`, `IRSA tokens carry \`aud\` = \`sts.amazonaws.com\`; a condition on ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(`${reason.host}:aud`)} must name that value.`);
        case 'eks-annotation':
            return said(`The role in the annotation.`, `\`AWS_ROLE_ARN\` comes from the service account's \`eks.amazonaws.com/role-arn\` annotation: if it names a role meant for another service account, annotate this one with its own role (${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(kubectlAnnotate((0,_oidc_eks_js__WEBPACK_IMPORTED_MODULE_5__/* .serviceAccountOf */ .gw)(reason.sub), 'ROLE_ARN'))}) and restart the pod.`);
    }
}
/** The usual reasons for `oidc-trust-policy-mismatch`, most likely first for this run. */
function mismatchReasons(input) {
    return rankedMismatchReasons(input).map(reasonText);
}
/** The most likely reason for this run, as a plain sentence; empty where there is none. */
function likeliestReason(input) {
    const [first] = (0,_oidc_explain_js__WEBPACK_IMPORTED_MODULE_1__/* .mismatchReasons */ .av)(input);
    return first === undefined ? '' : reasonSentence(first);
}
/** The reasons this token is consistent with, and the others (see src/oidc/explain.ts). */
function splitMismatchReasons(input) {
    const split = (0,_oidc_explain_js__WEBPACK_IMPORTED_MODULE_1__/* .splitMismatchReasons */ .QX)(input);
    return { applicable: split.applicable.map(reasonText), others: split.others.map(reasonText) };
}
/** What the kept subjects and workflow pins of the current policy add to a variant's description. */
function keepsText(variant) {
    const kept = variant.keptSubs;
    const subjects = kept.length === 0
        ? ''
        : ` It keeps the ${kept.length === 1 ? 'subject' : `${kept.length} subjects`} the current policy admits (${kept.map(value => (0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(value)).join(', ')}), so what works today keeps working.`;
    const workflows = variant.keptWorkflowRefs === undefined
        ? ''
        : ` It keeps the policy's pin on \`job_workflow_ref\` and adds this job's reusable workflow ref to it (${variant.keptWorkflowRefs.map(value => (0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(value)).join(', ')}).`;
    return subjects + workflows;
}
function describeVariant(variant) {
    const keeps = keepsText(variant);
    const repo = variant.repo ?? '';
    const words = (title, description) => ({
        title,
        description,
        policy: variant.policy
    });
    switch (variant.kind) {
        case 'exact': {
            const what = variant.serviceAccount ? 'service account' : 'job';
            return words(variant.keptSubs.length > 0
                ? `This ${what}, added to what the policy admits`
                : `Exactly this ${what}`, `Accepts the subject this run presented (${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(variant.sub)}), for the audience ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(variant.audience)}.${keeps}`);
        }
        case 'workflow-file':
            return words('Narrower: this job and this workflow file', `Also pins \`job_workflow_ref\` (${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(variant.workflowRef ?? '')}), so another workflow of the same branch or environment cannot use the role. STS checks GitHub's claims beyond \`sub\` and \`aud\` only since 2026: a condition on a key your account's STS does not know denies every request.`);
        case 'every-branch':
            return words('Wider: every branch', `Accepts any branch of ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(repo)} (\`StringLike\` with \`refs/heads/*\`), but not tags, environments or pull requests. Anyone who can push a branch can then use the role.${keeps}`);
        case 'every-environment':
            return words('Wider: every environment', `Accepts any job of ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(repo)} that uses an environment. Environments can require reviewers and restrict branches, which makes them the safer gate.${keeps}`);
        case 'repository':
            return words('Widest: the whole repository', `Accepts every branch, tag, environment and pull request of ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(repo)} (\`StringLike\` with ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(`repo:${repo}:*`)}). Pull requests from forks never get a token, but every pull request from a branch of this repository does.${keeps}`);
    }
}
/** The trust policies people choose between for this run, each with what it lets in. */
function suggestedPolicies(input) {
    return (0,_oidc_explain_js__WEBPACK_IMPORTED_MODULE_1__/* .suggestedPolicies */ .CD)(input).map(describeVariant);
}
/** Which statement of the policy, as the report names it: `statement "Sid"` or `statement 2`. */
function statementText(name) {
    return (0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .escapeText */ .X1)(name.sid === undefined ? `statement ${name.index}` : `statement "${name.sid}"`);
}
/** Why a condition fails, in words. */
function hintText(hint) {
    switch (hint.kind) {
        case 'no-claim':
            return `the token has no ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(hint.claim)} claim`;
        case 'equals-wildcard':
            return '`StringEquals` takes `*` and `?` literally: use `StringLike` for wildcards';
        case 'letter-case':
            return 'the values differ only in letter case, and IAM compares them case-sensitively';
        case 'service-account':
            return serviceAccountHintText(hint);
        case 'environment':
            return `this job uses the environment ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(hint.environment)}, so its \`sub\` names the environment instead of the branch`;
        case 'pull-request':
            return 'pull request runs present `…:pull_request`, not the branch';
        case 'token-has-ids':
            return "this repository's `sub` carries the owner and repository IDs (`OWNER@ID/REPO@ID`)";
        case 'policy-has-ids':
            return "this token's `sub` names the owner and repository without IDs, while the policy is written in the immutable form with IDs (`OWNER@ID/REPO@ID`)";
        case 'custom-sub':
            return 'this repository uses a customised `sub` template, not the default form';
        case 'custom-sub-part': {
            const workflow = hint.key === 'job_workflow_ref' ? ' (the reusable workflow and its ref)' : '';
            return `the ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(hint.key)} part of the customised \`sub\`${workflow} differs: the policy expects ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(hint.expected)}, the token has ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(hint.actual)}`;
        }
        case 'audience':
            return 'the token was requested for another audience (the `audience` input)';
        case 'workflow-ref':
            return hint.pinned.length > 0
                ? `this job runs the reusable workflow ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(hint.file)} at ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(hint.ref)}, and the policy pins it to ${hint.pinned.map(ref => (0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(ref)).join(', ')}: the called workflow's ref refuses, not the caller's branch`
                : `this job runs the workflow ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(hint.file)} at ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(hint.ref)}, which the policy does not name`;
        case 'foreign-key': {
            const claim = hint.key.slice(hint.key.lastIndexOf(':') + 1);
            return `this token's issuer is ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(hint.host)}, whose claims STS names ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(`${hint.host}:${claim}`)}: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(hint.key)} is another issuer's key and is not in the request`;
        }
    }
}
const DIFFERS = {
    name: 'another service account of the same namespace',
    namespace: 'the same service account name in another namespace',
    both: 'another namespace and service account'
};
function serviceAccountHintText(hint) {
    const token = accountWords({ namespace: hint.namespace, name: hint.name });
    if (hint.differs === undefined)
        return `the token is for ${token} (${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(hint.sub)}), and the policy names no service account (\`system:serviceaccount:NAMESPACE:NAME\`)`;
    return `the token is for ${token}; the policy expects ${hint.expected.map(value => (0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(value)).join(', ')}: ${DIFFERS[hint.differs]}`;
}
/** One line naming a failing condition: statement, operator, key, what it expects and what the token has. */
function describeFailingCondition(statement) {
    return statement.conditions
        .filter(condition => condition.result === 'fails')
        .map(condition => {
        const actual = condition.actual === undefined ? 'no such claim' : (0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(condition.actual.join(', '));
        const hint = condition.hint === undefined ? '' : `: ${hintText(condition.hint)}`;
        return `${statementText(statement.name)}: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(condition.operator)} on ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(condition.key)} expects ${condition.expected.map(_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY).join(', ')}, the token has ${actual}${hint}`;
    });
}
/** How reading the trust policy went, as the check line and the OIDC section say it. */
function lookupNote(lookup) {
    switch (lookup.state) {
        case 'invalid-json':
            return 'read, but the trust policy is not valid JSON';
        case 'read':
            return `read with iam:GetRole and evaluated against the token's claims (${lookup.decision})${lookup.actualArn === undefined ? '' : `; the role's ARN is ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(lookup.actualArn)}, so the path in the requested ARN is wrong`}`;
        case 'not-read':
            return `not read: ${unreadWhy(lookup)}`;
    }
}
function unreadWhy(lookup) {
    switch (lookup.reason) {
        case 'check-iam-off':
            return '`check-iam` is false';
        case 'no-other-credentials':
            return 'the job has no other credentials to call iam:GetRole with';
        case 'credentials-unusable':
            return `the job's other credentials are unusable (${lookup.detail})`;
        case 'denied':
            return "iam:GetRole is denied to the job's other credentials";
        case 'no-such-role':
            return `the job's other credentials found no role named ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(lookup.roleName)} in their own account`;
        case 'failed':
            return `iam:GetRole failed (${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(lookup.code)})`;
        case 'other-account':
            return `the job's other credentials belong to account ${lookup.account}, not the role's account ${lookup.roleAccount}`;
    }
}
/** What lets more than this repository assume the role, as the warning says it. */
function permissiveText(problem) {
    switch (problem.kind) {
        case 'no-sub-condition':
            return `has no condition on ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(problem.key)}: any repository on GitHub can request a token for this provider and assume the role`;
        case 'for-all-values':
            return `uses ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(problem.operator)} on ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(problem.key)}, which is true for a request without the key; \`sub\` has one value, so use the plain operator`;
        case 'any-owner':
            return `admits ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(problem.value)} (${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(problem.operator)} on ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(problem.key)}): repositories of any owner match it`;
        case 'no-aud-condition':
            return `has no condition on ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_2__/* .code */ .aY)(problem.key)}: a token requested for any audience is accepted`;
    }
}


/***/ }),

/***/ 6721:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ew: () => (/* binding */ yamlScalar),
/* harmony export */   JP: () => (/* binding */ shellArg),
/* harmony export */   ZK: () => (/* binding */ hclString)
/* harmony export */ });
/**
 * Values in the commands and files the report asks people to copy (shell lines, workflow YAML,
 * Terraform), quoted for the language they land in. A profile, environment, region or audience
 * comes from the job's environment or workflow and may hold spaces, quotes, `;`, `$(…)` or line
 * breaks: pasted unquoted, it would run or inject something the reader never meant. Plain values
 * (the usual case) are left as they are, so the common command reads as people write it.
 */
/** Characters no POSIX shell gives a meaning to in a word. */
const SHELL_PLAIN = /^[A-Za-z0-9_@%+=:,./-]+$/u;
/** One shell word that is `value` exactly: single quotes, with `'` written as `'\''`. */
function shellArg(value) {
    if (SHELL_PLAIN.test(value))
        return value;
    return `'${value.replace(/'/gu, `'\\''`)}'`;
}
/**
 * A YAML plain scalar may not start with an indicator, hold `: ` or ` #`, end with `:`, or be a word YAML
 * reads as another type; those are quoted. Letters, digits and `-_./:@` in the middle are safe.
 */
const YAML_PLAIN = /^[A-Za-z0-9_./][A-Za-z0-9_./@:-]*$/u;
// Words YAML 1.1 or 1.2 reads as booleans or null, and anything that starts like a number
// (decimal, hex, octal, sexagesimal, `.5`, `.inf`): quoting them costs nothing.
const YAML_OTHER_TYPES = /^(?:true|false|yes|no|on|off|y|n|null|~|[-+.]?[0-9].*|[-+]?\.(?:inf|nan))$/iu;
/** A YAML scalar that reads back as the string `value`: plain where safe, else double-quoted. */
function yamlScalar(value) {
    if (YAML_PLAIN.test(value) && !YAML_OTHER_TYPES.test(value) && !value.endsWith(':'))
        return value;
    // A JSON string is a YAML double-quoted scalar with the same value; NEL and the Unicode line
    // and paragraph separators, which JSON leaves as they are, were line breaks in YAML 1.1.
    return JSON.stringify(value).replace(/[\u0085\u2028\u2029]/gu, character => `\\u${(character.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`);
}
/** A character HCL's quoted string needs escaped, as its escape. */
function hclEscape(character) {
    if (character === '"')
        return '\\"';
    if (character === '\\')
        return '\\\\';
    const point = character.codePointAt(0) ?? 0;
    if (point < 0x20 || point === 0x7f)
        return `\\u${point.toString(16).padStart(4, '0')}`;
    return character;
}
/**
 * A Terraform (HCL) quoted string whose value is `value`: quotes, backslashes and control
 * characters escaped, and `${`/`%{` doubled so that nothing is interpolated.
 */
function hclString(value) {
    const escaped = [...value]
        .map(hclEscape)
        .join('')
        .replace(/\$\{/gu, () => '$${')
        .replace(/%\{/gu, '%%{');
    return `"${escaped}"`;
}


/***/ }),

/***/ 4573:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Z: () => (/* binding */ webIdentityTokenInvalid),
/* harmony export */   o: () => (/* binding */ stsSaid)
/* harmony export */ });
/* harmony import */ var _findings_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1001);
/* harmony import */ var _markdown_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4285);
/**
 * The one home of `web-identity-token-invalid`'s words, for every place that finds a web identity
 * token that cannot be exchanged: the offline check of the token file (src/checks/), the OIDC
 * doctor reading the same file, and STS refusing the file's token as expired or unverifiable.
 */


/** What STS answered, as the OIDC findings quote it. */
function stsSaid(answer) {
    return `STS answered ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(answer.code)}: "${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeText */ .X1)(answer.message)}"`;
}
const PROBLEMS = {
    missing: 'does not exist on this runner',
    unreadable: 'cannot be read',
    empty: 'is empty',
    'not-jwt': 'does not hold a JWT',
    expired: 'holds an expired token'
};
const REFRESH = 'Whatever writes the file must refresh it before the steps that use it: on EKS the kubelet rotates projected service account tokens; on a runner, write a fresh token right before those steps (GitHub OIDC tokens are short-lived), or let `aws-actions/configure-aws-credentials` with `role-to-assume` request the token and assume the role itself.';
const WRITE_THE_JWT = 'Write only the JWT to the file, in this job and before this step: `curl -sS -H "Authorization: bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN" "$ACTIONS_ID_TOKEN_REQUEST_URL&audience=sts.amazonaws.com" | jq -r .value > "$RUNNER_TEMP/web-identity-token"` (the job needs `permissions: id-token: write`); on EKS, point `AWS_WEB_IDENTITY_TOKEN_FILE` at the projected service account token (`/var/run/secrets/eks.amazonaws.com/serviceaccount/token`), readable by the runner user. Remove web identity variables that belong to another environment (a pod spec, a container image).';
function fileProblem(trouble) {
    const named = trouble.namedIn === undefined ? '' : ` (${trouble.namedIn})`;
    const detail = trouble.detail === undefined ? '' : `: ${trouble.detail}`;
    const role = trouble.roleArn === undefined ? '' : ` of ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(trouble.roleArn)}`;
    return (0,_findings_js__WEBPACK_IMPORTED_MODULE_0__/* .finding */ .gk)('web-identity-token-invalid', {
        title: `The web identity token file ${PROBLEMS[trouble.state]}`,
        message: `The token file ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(trouble.path)}${named} ${PROBLEMS[trouble.state]}${detail}. ` +
            `${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeText */ .X1)(trouble.source)} cannot exchange it for credentials${role}; the SDK stops with an error instead of trying another source.`,
        remediation: trouble.state === 'expired' ? REFRESH : WRITE_THE_JWT,
        source: trouble.source,
        // The path and the claims are whatever the file and its writer chose: code spans, as values.
        evidence: [
            `file: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(trouble.path)}`,
            `state: ${trouble.state}`,
            ...Object.entries(trouble.claims ?? {}).map(([name, value]) => `${name}: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(value)}`)
        ],
        ...(trouble.origin === undefined ? {} : { origin: trouble.origin })
    });
}
function refused(refusal) {
    const token = `the token in ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(refusal.tokenFile ?? 'AWS_WEB_IDENTITY_TOKEN_FILE')}`;
    const said = `${stsSaid(refusal.answer)} for ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(refusal.roleArn)} with ${token}.`;
    const evidence = [`STS: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(refusal.answer.code)}: ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeText */ .X1)(refusal.answer.message)}`];
    if (refusal.kind === 'sts-expired')
        return (0,_findings_js__WEBPACK_IMPORTED_MODULE_0__/* .finding */ .gk)('web-identity-token-invalid', {
            title: 'STS judged the web identity token expired',
            message: `${said}${refusal.explanation === undefined ? '' : ` ${refusal.explanation}`}`,
            remediation: "Whatever writes the file must refresh it before it expires: on EKS the kubelet rotates projected service account tokens (check the pod's `expirationSeconds` and that the pod is not suspended); on self-hosted runners, the job or service that fetches the token. Synchronise the runner's clock with NTP.",
            source: refusal.source,
            evidence: [...evidence, ...(refusal.dates ?? [])]
        });
    return (0,_findings_js__WEBPACK_IMPORTED_MODULE_0__/* .finding */ .gk)('web-identity-token-invalid', {
        title: 'STS could not validate the web identity token',
        message: said,
        remediation: "STS fetches the issuer's `/.well-known/openid-configuration` and its keys from the internet within about five seconds: the issuer must be public and fast. On EKS, the cluster's OIDC issuer URL must be the one the provider names, and the token must be the projected service account token (not the legacy secret token).",
        source: refusal.source,
        evidence
    });
}
/** `web-identity-token-invalid`, for a token file judged offline or refused by STS. */
function webIdentityTokenInvalid(problem) {
    return problem.kind === 'file' ? fileProblem(problem) : refused(problem);
}


/***/ }),

/***/ 1004:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _i: () => (/* binding */ endpointProblemWords),
/* harmony export */   ge: () => (/* binding */ endpointOverrideUnreachable),
/* harmony export */   qh: () => (/* binding */ overrideRemediation)
/* harmony export */ });
/* harmony import */ var _findings_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1001);
/* harmony import */ var _markdown_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4285);
/* harmony import */ var _origin_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1464);
/** An endpoint override that is no http(s) URL, in words: for the offline check and STS's failure. */



/** Why the tools refuse the URL, after "which is". */
function endpointProblemWords(problem) {
    if (problem.kind === 'not-a-url')
        return 'not a URL';
    return `a URL with the scheme ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(problem.scheme)}, not http or https`;
}
/** The one fix: the variable or the line goes, or every override is ignored. */
function overrideRemediation(override, where) {
    const remove = override.origin.kind === 'env'
        ? `Unset ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(override.variable)} where the workflow or an earlier step sets it (an \`echo ${override.variable}=… >> "$GITHUB_ENV"\` stays for the rest of the job)`
        : `Delete ${where}`;
    return `${remove}, or point it at an endpoint this runner reaches. To make the AWS tools ignore every endpoint override from then on, set \`AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true\`.`;
}
/**
 * What each tool says of the URL, measured (src/aws/endpoint-override.ts): botocore wants a
 * scheme and a host (`localhost:4566` has neither), then a scheme it speaks.
 */
function toolsSay(url, problem) {
    if (problem.kind === 'not-a-url')
        return `The AWS SDK for JavaScript throws \`TypeError: Invalid URL\` when it sends the request, and the AWS CLI stops with ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(`Invalid endpoint: ${url}`)}`;
    const js = 'The AWS SDK for JavaScript does not refuse it: it sends the request wherever it makes an address of it, and fails there';
    if (!problem.hasHost)
        return `${js}; the AWS CLI stops with ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(`Invalid endpoint: ${url}`)}`;
    return `${js}; the AWS CLI stops with ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(`An HTTP Client raised an unhandled exception: Not supported URL scheme ${problem.scheme}`)}`;
}
function endpointOverrideUnreachable(fact) {
    const { service, override } = fact;
    const reason = endpointProblemWords(fact.problem);
    const where = (0,_origin_js__WEBPACK_IMPORTED_MODULE_2__/* .describeOrigin */ .uN)(override.origin);
    return (0,_findings_js__WEBPACK_IMPORTED_MODULE_0__/* .finding */ .gk)('endpoint-override-unreachable', {
        // STS is what every AWS call of the job needs first; IAM only some of them, and is
        // optional to this step: a notice, which no `fail-on` level fails the step on.
        severity: service === 'STS' ? 'error' : 'notice',
        title: `${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(override.variable)} is not an endpoint URL`,
        message: `${where} sets the ${service} endpoint to ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(override.url)}, which is ${reason}. ${toolsSay(override.url, fact.problem)}: no ${service} request of this job can succeed while it is set.${service === 'STS' ? ' The action did not call STS.' : ''}`,
        remediation: overrideRemediation(override, where),
        evidence: [`${where}: ${override.url}`, `${service}: ${reason}`],
        origin: override.origin
    });
}


/***/ }),

/***/ 7112:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   a: () => (/* binding */ permissionsUnverified),
/* harmony export */   v: () => (/* binding */ gateWorded)
/* harmony export */ });
/* harmony import */ var _findings_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1001);
/* harmony import */ var _markdown_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4285);
/* harmony import */ var _long_term_credentials_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6764);
/**
 * The deployment gates' findings in words (src/gates.ts finds, as `GateFact`s): one function per
 * finding ID, each escaping every value it quotes.
 */



function listed(ids) {
    return ids.map(id => (0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(id)).join(', ');
}
const AFTER = {
    sts: '',
    'key-id': ' STS did not confirm the identity, but new-format key IDs carry their account reliably.',
    'assumed-role': ''
};
const EVIDENCE_BASIS = {
    sts: ' (from STS)',
    'key-id': ' (decoded from the key ID)',
    'assumed-role': ''
};
/** The one `account-mismatch` finding, for each identity the gate judges. */
function accountMismatch(fact) {
    const { account, expected, basis } = fact;
    const arn = fact.arn === undefined ? '' : ` (${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(fact.arn)})`;
    const opening = {
        sts: `The credentials belong to account ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(account)}${arn}`,
        'key-id': `The access key ID encodes account ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(account)}`,
        'assumed-role': `The role assumed with the web identity token belongs to account ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(account)}${arn}`
    };
    return (0,_findings_js__WEBPACK_IMPORTED_MODULE_0__/* .finding */ .gk)('account-mismatch', {
        message: `${opening[basis]}, which is not in \`expected-account-id\` (${listed(expected)}).${AFTER[basis]}`,
        remediation: basis === 'assumed-role'
            ? 'Point the role ARN at a role in the expected account, or add this account to `expected-account-id` if it is meant to be used.'
            : 'Check which secret or profile supplied these credentials (the summary names the source) and replace it with credentials for the expected account, or add the account to `expected-account-id` if it is legitimate.',
        evidence: [`account ${account}${EVIDENCE_BASIS[basis]}`, `expected ${expected.join(', ')}`],
        ...(fact.source === undefined ? {} : { source: fact.source })
    });
}
function rootCredentials(fact) {
    const { identity } = fact;
    return (0,_findings_js__WEBPACK_IMPORTED_MODULE_0__/* .finding */ .gk)('root-credentials', {
        message: `STS reports the account root user (${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(identity.arn)}): these keys can do everything in account ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(identity.account)}, and no IAM policy restricts them.`,
        remediation: 'Give CI its own identity (a role assumed with GitHub OIDC, or at least an IAM user with only the permissions the job needs), then deactivate and delete the root access keys (root user → Security credentials → Access keys).',
        evidence: [`arn ${identity.arn}`, `user ID ${identity.userId}`],
        ...(fact.source === undefined ? {} : { source: fact.source })
    });
}
function longTermFromChain(fact) {
    return (0,_long_term_credentials_js__WEBPACK_IMPORTED_MODULE_2__/* .longTermCredentialsFinding */ ._)({
        opening: `The credentials the AWS SDK resolved use a long-term access key (${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(fact.maskedKeyId)}).`,
        requireTemporaryCredentials: fact.requireTemporaryCredentials,
        ...(fact.source === undefined ? {} : { source: fact.source })
    });
}
/**
 * The gate was asked for and could not be evaluated: a warning, not a pass. A notice would let
 * a deployment go ahead on the strength of a check that never happened. `reason` and
 * `remediation` are Markdown.
 */
function permissionsUnverified(required, reason, remediation) {
    const actions = required.map(item => `${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(item.action)}${item.resource === undefined ? '' : ` on ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(item.resource)}`}`);
    return (0,_findings_js__WEBPACK_IMPORTED_MODULE_0__/* .finding */ .gk)('permissions-unverified', {
        message: `\`required-actions\` asks for ${actions.join(', ')}, but they could not be checked: ${reason}. Whether this identity may perform them is unknown.`,
        remediation,
        evidence: [reason, ...actions]
    });
}
/** `required-actions` for the role assumed with OIDC, which no simulation ran for. */
function requiredActionsUnchecked(fact) {
    return permissionsUnverified(fact.required, `no IAM simulation ran for ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)(fact.arn)} (the role assumed with OIDC is only asked who it is)`, 'Run the check after `aws-actions/configure-aws-credentials` has assumed the role, so that the role itself is simulated, and allow it `iam:SimulatePrincipalPolicy` on itself.');
}
/**
 * The words of each gate's finding, keyed by every ID of `GateFactsById` (src/gates.ts), as
 * `WORDS` is for the checks: an ID without words fails `npm run typecheck`.
 */
const GATE_WORDS = {
    'account-mismatch': accountMismatch,
    'root-credentials': rootCredentials,
    'long-term-credentials': longTermFromChain,
    'permissions-unverified': requiredActionsUnchecked
};
/** The finding a gate's fact stands for, in the words of its ID. */
function gateWorded(fact) {
    const words = GATE_WORDS[fact.id];
    return words(fact);
}


/***/ }),

/***/ 6764:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   _: () => (/* binding */ longTermCredentialsFinding),
/* harmony export */   l: () => (/* binding */ longTermCredentials)
/* harmony export */ });
/* harmony import */ var _findings_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1001);
/* harmony import */ var _origin_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(1464);
/**
 * The one `long-term-credentials` finding, for both places that see a long-term key: the
 * offline check (the key variables) and the gate on the key the SDK's chain resolved
 * (src/gates.ts).
 */


function longTermCredentialsFinding(options) {
    return (0,_findings_js__WEBPACK_IMPORTED_MODULE_0__/* .finding */ .gk)('long-term-credentials', {
        ...(options.requireTemporaryCredentials ? { severity: 'error' } : {}),
        message: `${options.opening} ` +
            'Long-term keys never expire on their own, must be rotated by hand, and leak with any log or fork that sees them.' +
            (options.requireTemporaryCredentials
                ? ' `require-temporary-credentials` is set, so this fails the step.'
                : ''),
        remediation: 'Switch to GitHub OIDC: the job requests a short-lived token and `aws-actions/configure-aws-credentials` exchanges it for temporary credentials. See the OIDC migration guide in this summary.',
        ...(options.source === undefined ? {} : { source: options.source }),
        ...(options.origin === undefined ? {} : { origin: options.origin })
    });
}
function longTermCredentials(fact) {
    return longTermCredentialsFinding({
        opening: `The job uses a long-term access key (AKIA…) from ${(0,_origin_js__WEBPACK_IMPORTED_MODULE_1__/* .describeOrigin */ .uN)(fact.keyId.origin)}.`,
        requireTemporaryCredentials: fact.requireTemporaryCredentials,
        source: fact.source,
        origin: fact.keyId.origin
    });
}


/***/ }),

/***/ 1464:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   kF: () => (/* binding */ nameOfValue),
/* harmony export */   uN: () => (/* binding */ describeOrigin),
/* harmony export */   zK: () => (/* binding */ PART_NAMES)
/* harmony export */ });
/* harmony import */ var _markdown_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4285);

const PART_NAMES = {
    accessKeyId: 'access key ID',
    secretAccessKey: 'secret access key',
    sessionToken: 'session token'
};
/** Names where a value came from, for messages: `AWS_SECRET_ACCESS_KEY`, `~/.aws/credentials line 3`. */
function describeOrigin(origin) {
    switch (origin.kind) {
        case 'env':
            return `environment variable ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .code */ .aY)(origin.name)}`;
        case 'input':
            return `input ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .code */ .aY)(origin.name)}`;
        case 'file':
            return `${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .code */ .aY)(origin.key)} in ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .code */ .aY)(origin.path)} line ${origin.line} (section ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .code */ .aY)(`[${origin.section}]`)})`;
        case 'default':
            return origin.name;
    }
}
/** The name of a value for messages: `AWS_SECRET_ACCESS_KEY`, or `the secret access key`. */
function nameOfValue(origin, part) {
    if (origin.kind === 'env')
        return (0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .code */ .aY)(origin.name);
    if (origin.kind === 'input')
        return `input ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .code */ .aY)(origin.name)}`;
    if (origin.kind === 'file')
        return `${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_0__/* .code */ .aY)(origin.key)} (${origin.path} line ${origin.line})`;
    return `the ${PART_NAMES[part]}`;
}


/***/ }),

/***/ 263:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Lg: () => (/* binding */ whatToolsDo),
/* harmony export */   kY: () => (/* binding */ toolEvidence),
/* harmony export */   mw: () => (/* binding */ useNote),
/* harmony export */   pt: () => (/* binding */ describeUse)
/* harmony export */ });
/* harmony import */ var _redact_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6670);
/* harmony import */ var _markdown_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4285);


/** One tool's choice in words: `uses profile "ci" in ~/.aws/credentials (access key AKIA…WXYZ)`. */
function describeUse(use) {
    if (use.failure !== undefined)
        return `stops with "${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeText */ .X1)(use.failure)}"`;
    const source = use.source;
    if (source === undefined)
        return 'finds no credentials';
    const key = source.accessKeyId === undefined || source.accessKeyId === ''
        ? ''
        : ` (access key ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .code */ .aY)((0,_redact_js__WEBPACK_IMPORTED_MODULE_0__/* .maskAccessKeyId */ .BT)(source.accessKeyId))})`;
    return `uses ${(0,_markdown_js__WEBPACK_IMPORTED_MODULE_1__/* .escapeText */ .X1)(source.label)}${key}`;
}
/** Both tools' choices, one sentence each, for a message. */
function whatToolsDo(run) {
    const tools = run.tools;
    if (tools === undefined)
        return '';
    return `In this job the AWS SDK for JavaScript ${describeUse(tools.jsSdk)}; the AWS CLI ${describeUse(tools.awsCli)}.`;
}
/** Both tools' choices as evidence lines. */
function toolEvidence(run) {
    const tools = run.tools;
    if (tools === undefined)
        return [];
    return [`JS SDK → ${describeUse(tools.jsSdk)}`, `AWS CLI → ${describeUse(tools.awsCli)}`];
}
/** Why a finding is not an error: nothing, or only the AWS CLI, reads what it is about. */
function useNote(severity) {
    if (severity === 'notice')
        return ' Neither tool reads it in this run, so it does not affect this job; it breaks any job that does use it.';
    if (severity === 'warning')
        return ' Only the AWS CLI reads it in this run: the action and Node-based tools are not affected, but `aws` commands in this job are.';
    return '';
}


/***/ })

};
