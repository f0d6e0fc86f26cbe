import { TerraformResource, TerraformStack, Token } from "cdktf";
import { IConstruct } from "constructs";

/** One action construct acting on a DR, as the stack-level check sees it. */
interface DrActor {
  /** The action construct (its path names it in the error). */
  readonly construct: IConstruct;
  readonly action: string;
  /** The resource that runs the action. */
  readonly resource: TerraformResource;
  /** The literal project id and DR id, or their token strings. */
  readonly projectId: string;
  readonly disasterRecoveryId: string;
}

// The actors of each stack; the check is added to a stack once, with its first actor.
const ACTORS = new WeakMap<TerraformStack, DrActor[]>();

/**
 * Registers an action construct as an actor on its DR, so that synth fails when two actions on
 * the same DR (same literal project id and DR id, or the same token strings) could run at the
 * same time: Terraform runs resources without a dependency path between them in parallel, and
 * the DR's end state would depend on which request came first (issue 22). Two actions are
 * ordered when a dependency path leads from one to the other, through `dependsOn` or token
 * references, directly or through other resources (a runbook's steps are). An action whose
 * resource runs nothing when created (no create-time provisioner) acts on nothing and is left out.
 */
export function registerDrActor(actor: DrActor): void {
  const stack = TerraformStack.of(actor.construct);
  let actors = ACTORS.get(stack);
  if (actors === undefined) {
    const registered: DrActor[] = [];
    actors = registered;
    ACTORS.set(stack, registered);
    stack.node.addValidation({ validate: () => concurrentActors(stack, registered) });
  }
  actors.push(actor);
}

/** The messages for every pair of actors on one DR that Terraform could run at the same time. */
function concurrentActors(stack: TerraformStack, actors: readonly DrActor[]): string[] {
  const byDr = new Map<string, DrActor[]>();
  for (const actor of actors.filter(actsOnCreate)) {
    const key = `${actor.projectId}\u0000${actor.disasterRecoveryId}`;
    byDr.set(key, [...(byDr.get(key) ?? []), actor]);
  }
  const shared = [...byDr.values()].filter((group) => group.length > 1);
  if (shared.length === 0) return []; // the common case: no graph needed
  const graph = dependencyGraph(stack);
  const messages: string[] = [];
  for (const group of shared) {
    for (let i = 0; i < group.length; i++) {
      for (let j = i + 1; j < group.length; j++) {
        const [a, b] = [group[i], group[j]];
        if (graph.ordered(addressOf(a.resource), addressOf(b.resource))) continue;
        messages.push(concurrencyMessage(a, b));
      }
    }
  }
  return messages;
}

function actsOnCreate(actor: DrActor): boolean {
  return (actor.resource.provisioners ?? []).some(
    (p) => p.type === "local-exec" && (p as { when?: string }).when !== "destroy",
  );
}

function concurrencyMessage(a: DrActor, b: DrActor): string {
  const name = (actor: DrActor) => `${actor.action} ${actor.construct.node.path}`;
  const shown = (value: string) => (Token.isUnresolved(value) ? "(the same token)" : value);
  return (
    `${name(a)} and ${name(b)} act on the same DR (project ${shown(a.projectId)}, ` +
    `disaster recovery ${shown(a.disasterRecoveryId)}) and Terraform could run them at the same time, ` +
    "leaving the DR in whichever state the last request made. Order them: declare both as steps " +
    "of one DisasterRecoveryRunbook, give the later one `dependsOn: [<the earlier one>]`, or " +
    "reference the earlier one's disasterRecoveryId or runId in the later one's props."
  );
}

// An address in Terraform's syntax as it appears in expressions and depends_on.
const ADDRESS = /\b(?:data\.)?[A-Za-z_][\w-]*\.[A-Za-z_][\w-]*/g;

type Blocks = Record<string, Record<string, unknown>>;

/**
 * Who depends on whom in `stack`, read from its resolved configuration (what synth writes): an
 * element depends on every address its block names, in an expression or in `depends_on`.
 */
function dependencyGraph(stack: TerraformStack) {
  const config = stack.toTerraform() as {
    resource?: Blocks;
    data?: Blocks;
    module?: Record<string, unknown>;
    locals?: Record<string, unknown>;
  };
  const blocks = new Map<string, unknown>();
  for (const [type, byName] of Object.entries(config.resource ?? {})) {
    for (const [name, body] of Object.entries(byName)) blocks.set(`${type}.${name}`, body);
  }
  for (const [type, byName] of Object.entries(config.data ?? {})) {
    for (const [name, body] of Object.entries(byName)) blocks.set(`data.${type}.${name}`, body);
  }
  for (const [name, body] of Object.entries(config.module ?? {}))
    blocks.set(`module.${name}`, body);
  for (const [name, body] of Object.entries(config.locals ?? {})) blocks.set(`local.${name}`, body);
  const edges = new Map<string, Set<string>>();
  for (const [address, body] of blocks) {
    const refs = new Set(JSON.stringify(body).match(ADDRESS) ?? []);
    refs.delete(address);
    edges.set(address, refs);
  }
  const reaches = (from: string, to: string): boolean => {
    const seen = new Set<string>([from]);
    const pending = [from];
    while (pending.length > 0) {
      for (const next of edges.get(pending.pop() as string) ?? []) {
        if (next === to) return true;
        if (!seen.has(next)) {
          seen.add(next);
          pending.push(next);
        }
      }
    }
    return false;
  };
  return { ordered: (a: string, b: string) => reaches(a, b) || reaches(b, a) };
}

/** The resource's address in the configuration, e.g. `terraform_data.start-dr_start_1A2B3C4D`. */
function addressOf(resource: TerraformResource): string {
  return `${resource.terraformResourceType}.${resource.friendlyUniqueId}`;
}
