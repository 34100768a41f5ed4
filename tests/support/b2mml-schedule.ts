// Made-up ERP schedules for the demo products, of any size: what the import tests and benchmarks send.

/** A B2MML V0600 ProductionSchedule of n orders for the demo products. */
export function scheduleOf(n: number, prefix = 'BULK'): string {
  const requests: string[] = [];
  for (let i = 1; i <= n; i += 1) {
    const product = i % 3 === 0 ? ['VLV-200', 'A'] : ['VLV-100', 'B'];
    requests.push(
      `<ProductionRequest><ID>${prefix}-${String(i).padStart(6, '0')}</ID><Priority>${(i % 9) + 1}</Priority>` +
        `<EndTime>2026-12-${String((i % 28) + 1).padStart(2, '0')}T14:00:00Z</EndTime><SegmentRequirement><ProductSegmentID>ASSEMBLY</ProductSegmentID>` +
        `<MaterialProducedRequirement><MaterialDefinitionID>${product[0]}</MaterialDefinitionID><Quantity><QuantityString>${(i % 50) + 1}</QuantityString>` +
        `<UnitOfMeasure>ea</UnitOfMeasure></Quantity><MaterialProducedRequirementProperty><ID>Revision</ID><Value><ValueString>${product[1]}</ValueString></Value>` +
        `</MaterialProducedRequirementProperty></MaterialProducedRequirement></SegmentRequirement></ProductionRequest>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<ProductionSchedule xmlns="http://www.mesa.org/xml/B2MML-V0600"><ID>BULK</ID>${requests.join('\n')}</ProductionSchedule>\n`;
}
