/** Whether a host to listen on reaches beyond this machine. */
export const isLoopback = (host: string): boolean => host === 'localhost' || host === '::1' || /^127\./.test(host);
