import { finding } from '../../findings.js'
import type { CheckFact, PlaceholderKind } from '../../checks/facts.js'
import type { Finding } from '../../model.js'
import { PART_NAMES, describeOrigin, nameOfValue } from './origin.js'

const KINDS: Readonly<Record<PlaceholderKind, string>> = {
  'actions-expression':
    'an unexpanded GitHub Actions expression (`${{ … }}`): Actions evaluates expressions only in workflow and action files',
  'shell-variable':
    "an unexpanded shell variable reference (`$NAME` or `${NAME}`): `env:` and `with:` values are not run through a shell, and a quoted heredoc (`<<'EOF'`) does not expand them either",
  'windows-variable': 'an unexpanded Windows variable reference (`%NAME%`)',
  masked: 'a masked value (`***`) copied from a job log, where GitHub hides secrets',
  brackets: 'a template placeholder in brackets (`<…>`)',
  'repeated-character': 'a run of one repeated character (such as `XXXX…`)',
  'placeholder-word': 'a placeholder word (such as changeme, TODO or dummy)',
  'template-text': 'a template text (such as YOUR_ACCESS_KEY_ID)'
}

export function placeholderCredentials(
  fact: CheckFact<'placeholder-credentials'>
): Finding<'placeholder-credentials'> {
  return finding('placeholder-credentials', {
    title: `${nameOfValue(fact.origin, fact.part)} holds a placeholder, not a credential`,
    message: `The ${PART_NAMES[fact.part]} from ${describeOrigin(fact.origin)} is ${KINDS[fact.kind]}. It reaches the SDK exactly as written, and AWS refuses it.`,
    remediation:
      'Map the secret with an expression in the workflow, e.g. `AWS_SECRET_ACCESS_KEY: ${{ secrets.AWS_SECRET_ACCESS_KEY }}`. When a `run:` step writes a credentials file, pass the secrets in `env:` and use an unquoted heredoc delimiter (`<<EOF`) so the shell expands them. Never copy values from a job log: GitHub shows secrets there as `***`.',
    source: fact.source,
    evidence: [`${describeOrigin(fact.origin)}: ${fact.length} characters`],
    origin: fact.origin
  })
}
