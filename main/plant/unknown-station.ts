/** Why a request about a line cannot be answered: the plant has no such station. */
export class UnknownStationError extends Error {}
