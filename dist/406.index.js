export const id = 406;
export const ids = [406];
export const modules = {

/***/ 2406:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   discoverWorkflow: () => (/* binding */ discoverWorkflow)
/* harmony export */ });
/* unused harmony exports MAX_WORKFLOW_CHARS, workflowPath, referencesOf, tooDeep, locate, runsConfigureCredentials */
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8815);
/**
 * The workflow file that runs this job, read from the checkout so that the report can point at
 * the line that sets a credential variable (annotations on the pull request's diff) and name
 * the secret behind it. Optional by nature: without `actions/checkout` there is no file.
 *
 * Parsed once, here, with the `yaml` package (node ranges give each key's line), into the
 * lines that matter for this job's step: every variable of its `env:` as GitHub applies them,
 * every input of its `with:`, the job's environment and its `permissions:` line.
 */


/**
 * Workflow files are small; a larger one is not worth parsing. The bound also bounds the
 * parser's time on a file that is not YAML at all (see `tooDeep`).
 */
const MAX_WORKFLOW_CHARS = 256 * 1024;
/**
 * Deeper nesting than any workflow has: flow collections (`[[[[`) or indicators on one line
 * (`- - - -`). The parser's time grows with depth, so such a file is not parsed.
 */
const MAX_NESTING = 32;
/**
 * The workflow's path from the repository root, from `GITHUB_WORKFLOW_REF`
 * (`owner/repo/.github/workflows/ci.yml@refs/heads/main`). Undefined when the ref names a
 * workflow of another repository (a reusable workflow's caller elsewhere) or is not a path
 * under `.github/workflows/`.
 */
function workflowPath(workflowRef, repository) {
    if (workflowRef === undefined || workflowRef === '')
        return undefined;
    const at = workflowRef.lastIndexOf('@');
    const qualified = at === -1 ? workflowRef : workflowRef.slice(0, at);
    const segments = qualified.split('/');
    if (segments.length < 3)
        return undefined;
    const owner = `${segments[0] ?? ''}/${segments[1] ?? ''}`;
    // Repository names are case-insensitive on GitHub; the ref and the variable may differ in case.
    if (repository !== undefined && owner.toLowerCase() !== repository.toLowerCase())
        return undefined;
    const path = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.normalize)(segments.slice(2).join('/'));
    if ((0,node_path__WEBPACK_IMPORTED_MODULE_0__.isAbsolute)(path) || !path.startsWith('.github/workflows/') || path.includes('..'))
        return undefined;
    return path;
}
/** The secret or variable an expression reads; the first one where it falls back (`a || b`). */
function referencesOf(value) {
    const secret = /\bsecrets\.([A-Za-z_][A-Za-z0-9_]*)/u.exec(value)?.[1] ??
        /\bsecrets\[\s*['"]([^'"]+)['"]\s*\]/u.exec(value)?.[1];
    const variable = /\bvars\.([A-Za-z_][A-Za-z0-9_]*)/u.exec(value)?.[1] ??
        /\bvars\[\s*['"]([^'"]+)['"]\s*\]/u.exec(value)?.[1];
    return {
        ...(secret === undefined ? {} : { secret }),
        ...(variable === undefined ? {} : { variable })
    };
}
/**
 * A linear look for nesting no workflow has, before the parser sees the file: flow brackets
 * outside quotes (an unclosed one counts on into the next lines), and runs of `- `, `? ` or
 * `: ` indicators at the start of a line. Brackets in a script are balanced in practice; a few
 * stray ones stay far below the limit.
 */
function tooDeep(text, limit = MAX_NESTING) {
    let depth = 0;
    let quote;
    let run = 0;
    let lineStart = true;
    for (let index = 0; index < text.length; index += 1) {
        const char = text[index];
        if (char === '\n') {
            quote = undefined;
            run = 0;
            lineStart = true;
            continue;
        }
        if (quote !== undefined) {
            if (char === quote)
                quote = undefined;
            continue;
        }
        if (char === '"' || char === "'")
            quote = char;
        else if (char === '[' || char === '{')
            depth += 1;
        else if (char === ']' || char === '}')
            depth = Math.max(0, depth - 1);
        const indicator = (char === '-' || char === '?' || char === ':') && /\s/u.test(text[index + 1] ?? ' ');
        if (lineStart && indicator)
            run += 1;
        else if (char !== ' ')
            lineStart = false;
        if (depth > limit || run > limit)
            return true;
    }
    return false;
}
/** Resolves an alias (`env: *common`) to the node it names, one step, as GitHub does. */
function deref(node, doc) {
    return (0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isAlias */ .Vj)(node) ? node.resolve(doc) : node;
}
function mapAt(node, doc) {
    const value = deref(node, doc);
    return (0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isMap */ .jh)(value) ? value : undefined;
}
function keyOf(pair) {
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isScalar */ .jn)(pair.key))
        return undefined;
    const key = pair.key.value;
    return key === null || key === undefined ? undefined : String(key);
}
/** The pair under `key` in a mapping (the first, as GitHub keeps the first of duplicates). */
function pairAt(map, key) {
    return map?.items.find(pair => keyOf(pair) === key);
}
function valueAt(map, key, doc) {
    return deref(pairAt(map, key)?.value, doc);
}
function scalarText(node) {
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isScalar */ .jn)(node))
        return undefined;
    const value = node.value;
    return value === null || value === undefined ? undefined : String(value);
}
/** The file read once, with the questions asked of it. */
class Workflow {
    text;
    lines = new yaml__WEBPACK_IMPORTED_MODULE_1__/* .LineCounter */ .HN();
    doc;
    constructor(text) {
        this.text = text;
        this.doc = (0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .parseDocument */ .Tp)(text, {
            lineCounter: this.lines,
            uniqueKeys: false,
            prettyErrors: false
        });
    }
    lineOf(node) {
        const range = node?.range;
        return range === undefined || range === null ? undefined : this.lines.linePos(range[0]).line;
    }
    /** The value as written (quotes kept, comment dropped), for `literal` and secret names. */
    sourceOf(node) {
        const range = node?.range;
        if (range === undefined || range === null)
            return '';
        return this.text.slice(range[0], range[1]).trim();
    }
    root() {
        return mapAt(this.doc.contents, this.doc);
    }
}
function reference(context, pair, scope) {
    const line = context.workflow.lineOf(pair.key);
    if (line === undefined)
        return undefined;
    const value = context.workflow.sourceOf(pair.value);
    return {
        file: context.file,
        line,
        scope,
        ...referencesOf(value),
        literal: !value.includes('${{') && value !== '',
        ...(context.environment === undefined ? {} : { environment: context.environment })
    };
}
/** Adds each key of a mapping not already set by a scope that wins over it. */
function collect(into, map, context, scope) {
    for (const pair of map?.items ?? []) {
        const key = keyOf(pair);
        if (key === undefined || key === '<<' || into.has(key))
            continue;
        const found = reference(context, pair, scope);
        if (found !== undefined)
            into.set(key, found);
    }
}
/** This run's job, when the file has it; else the only job. */
function currentJob(jobs, name) {
    const names = (jobs?.items ?? []).map(keyOf).filter(key => key !== undefined);
    if (name !== undefined && names.includes(name))
        return name;
    return names.length === 1 ? names[0] : undefined;
}
/** Whether a step's `uses:` runs this action. */
function runsThisAction(uses, actionRepository) {
    if (uses === undefined)
        return false;
    const value = uses.trim().toLowerCase();
    const repository = actionRepository?.toLowerCase();
    if (repository !== undefined && repository !== '')
        return value.startsWith(`${repository}@`);
    return value.includes('aws-credentials-doctor') || value === './' || value === '.';
}
/** The job's `environment:` name (`environment: prod` or `environment: { name: prod }`). */
function environmentOf(job, doc) {
    const value = valueAt(job, 'environment', doc);
    const name = (0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isMap */ .jh)(value) ? scalarText(valueAt(value, 'name', doc)) : scalarText(value);
    // An expression (`${{ inputs.env }}`) is only known at run time.
    return name === undefined || name === '' || name.includes('${{') ? undefined : name;
}
function stepsOf(job, doc) {
    const steps = valueAt(job, 'steps', doc);
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isSeq */ .oP)(steps))
        return [];
    return steps.items
        .map(step => mapAt(step, doc))
        .filter((step) => step !== undefined);
}
/** The locations in a parsed workflow, for this run's job and this action's steps. */
function locate(text, file, github) {
    const workflow = new Workflow(text);
    const doc = workflow.doc;
    const root = workflow.root();
    const jobs = mapAt(valueAt(root, 'jobs', doc), doc);
    const name = currentJob(jobs, github.job);
    const job = name === undefined ? undefined : mapAt(valueAt(jobs, name, doc), doc);
    const environment = environmentOf(job, doc);
    const context = {
        workflow,
        file,
        ...(environment === undefined ? {} : { environment })
    };
    const steps = stepsOf(job, doc).filter(step => runsThisAction(scalarText(valueAt(step, 'uses', doc)), github.actionRepository));
    const variables = new Map();
    const inputs = new Map();
    // GitHub applies the step's `env:` over the job's, and the job's over the workflow's.
    for (const step of steps) {
        collect(variables, mapAt(valueAt(step, 'env', doc), doc), context, 'step');
        collect(inputs, mapAt(valueAt(step, 'with', doc), doc), context, 'step');
    }
    collect(variables, mapAt(valueAt(job, 'env', doc), doc), context, 'job');
    collect(variables, mapAt(valueAt(root, 'env', doc), doc), context, 'workflow');
    const permissions = workflow.lineOf(pairAt(job, 'permissions')?.key) ??
        workflow.lineOf(pairAt(root, 'permissions')?.key);
    const credentialSteps = configureCredentialsSteps(workflow, stepsOf(job, doc), github);
    return {
        path: file,
        variables,
        inputs,
        ...(environment === undefined ? {} : { environment }),
        ...(permissions === undefined ? {} : { permissionsLine: permissions }),
        ...(credentialSteps.length === 0 ? {} : { credentialSteps })
    };
}
/**
 * `aws-actions/configure-aws-credentials` at any version, tag or SHA. A local copy (`./…`) or a
 * fork is another action whose inputs may mean something else.
 */
function runsConfigureCredentials(uses) {
    return uses !== undefined && /^aws-actions\/configure-aws-credentials@/iu.test(uses.trim());
}
/**
 * An input as GitHub passes it: a plain scalar as written (`7200`, `true`: the runner hands
 * actions the text, not the YAML type the `yaml` package would resolve, so `0x1C20` stays
 * that text), a quoted or block scalar as its string. Any `${{ }}` makes it run-time only.
 */
function stepInput(workflow, pair) {
    const line = workflow.lineOf(pair.key);
    const node = deref(pair.value, workflow.doc);
    if (line === undefined || !(0,yaml__WEBPACK_IMPORTED_MODULE_1__/* .isScalar */ .jn)(node))
        return undefined;
    const value = node.type === 'PLAIN' ? workflow.sourceOf(node) : (scalarText(node) ?? '');
    return value.includes('${{') ? { kind: 'expression', line } : { kind: 'literal', value, line };
}
/** A step's `with:` inputs, by name (the first of duplicates, as GitHub keeps it). */
function stepInputs(workflow, step) {
    const inputs = new Map();
    for (const pair of mapAt(valueAt(step, 'with', workflow.doc), workflow.doc)?.items ?? []) {
        const key = keyOf(pair);
        if (key === undefined || inputs.has(key))
            continue;
        const input = stepInput(workflow, pair);
        if (input !== undefined)
            inputs.set(key, input);
    }
    return inputs;
}
/** This job's configure-aws-credentials steps, with their inputs and where they sit. */
function configureCredentialsSteps(workflow, steps, github) {
    const doc = workflow.doc;
    const usesOf = (step) => scalarText(valueAt(step, 'uses', doc));
    const own = steps.findIndex(step => runsThisAction(usesOf(step), github.actionRepository));
    return steps.flatMap((step, index) => {
        const uses = usesOf(step);
        const line = workflow.lineOf(pairAt(step, 'uses')?.key);
        if (uses === undefined || line === undefined || !runsConfigureCredentials(uses))
            return [];
        const name = scalarText(valueAt(step, 'name', doc));
        return [
            {
                line,
                uses: uses.trim(),
                ...(name === undefined ? {} : { name }),
                afterThisStep: own !== -1 && index > own,
                conditional: pairAt(step, 'if') !== undefined,
                inputs: stepInputs(workflow, step)
            }
        ];
    });
}
function discoverWorkflow(github, readText) {
    const workspace = github.workspace;
    if (workspace === undefined || workspace === '')
        return undefined;
    const path = workflowPath(github.workflowRef, github.repository);
    if (path === undefined)
        return undefined;
    const text = readText((0,node_path__WEBPACK_IMPORTED_MODULE_0__.join)(workspace, path));
    if (text === undefined || text.length > MAX_WORKFLOW_CHARS || tooDeep(text))
        return undefined;
    try {
        return locate(text, path, github);
    }
    catch {
        // A file the parser cannot take only means no line numbers in the report.
        return undefined;
    }
}


/***/ })

};
