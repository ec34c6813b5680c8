import type { StoredState } from './boxState';

/**
 * This process's copy of every trigger's last state, by workflow id and node id. In queue mode a worker that
 * finishes an older execution writes back the workflow's whole static data as it was when that execution was
 * queued, which can roll the trigger's state back; the copy here, with the higher sequence number, wins then.
 * Static data still serves restarts (and another main that polled since: its number is higher).
 */
const states = new Map<string, StoredState>();

/** Each active trigger keeps one entry; beyond this many the oldest are forgotten (static data still has them). */
const MAX_STATES = 200;

export function stateKey(workflowId: string | undefined, nodeId: string): string {
	return `${workflowId ?? ''}\u0000${nodeId}`;
}

/** Whichever of the stored and the remembered state is newer (undefined when there is neither). */
export function newestState(key: string, stored: StoredState | undefined): StoredState | undefined {
	const remembered = states.get(key);
	if (remembered && (!stored || remembered.seq > stored.seq)) return remembered;
	return stored;
}

export function rememberState(key: string, state: StoredState): void {
	states.delete(key);
	if (states.size >= MAX_STATES) states.delete(states.keys().next().value as string);
	states.set(key, state);
}

/** Forgets every remembered state (tests use it to play "a new n8n process"). */
export function forgetStates(): void {
	states.clear();
}
