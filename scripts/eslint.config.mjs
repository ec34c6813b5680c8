// Scripts are Node programs, not node code: n8n's rules for community nodes do not apply to them.
export default [{ ignores: ['**'] }];
