/** What the API shows instead of a stored password; a form sending it back means "keep the stored one". */
export const PASSWORD_PLACEHOLDER = '••••••';
