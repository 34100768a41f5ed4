/** The B2MML namespaces by version: what tells V0401, V0600 and V7 messages apart. */
export const B2MML_V0401_NS = 'http://www.wbf.org/xml/B2MML-V0401';
export const B2MML_V0600_NS = 'http://www.mesa.org/xml/B2MML-V0600';
export const B2MML_V7_NS = 'http://www.mesa.org/xml/B2MML';
