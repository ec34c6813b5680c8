// Tests are Node programs, not node code: n8n's rules for community nodes (no process, no timers, no node
// built-ins) do not apply to them. The package's own config (the root one, n8n's default) covers the rest.
export default [{ ignores: ['**'] }];
