import { PACKML_STATES, type LineSetup, type LineSetupInput, type PackMLState } from '../../core';

/** A work center as the form edits it: the PackML mapping as text ("RUN=Execute, STOP=Stopped"). */
export interface WorkCenterDraft {
  readonly key: number;
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly plcFolder: string;
  readonly packml: string;
}

export interface LineDraft {
  readonly siteId: string;
  readonly siteName: string;
  readonly areaId: string;
  readonly areaName: string;
  readonly lineId: string;
  readonly lineName: string;
  readonly workCenters: readonly WorkCenterDraft[];
}

let nextKey = 1;
export const newWorkCenter = (): WorkCenterDraft => ({ key: nextKey++, id: '', name: '', description: '', plcFolder: '', packml: '' });

export const emptyDraft = (): LineDraft => ({
  siteId: '', siteName: '', areaId: '', areaName: '', lineId: '', lineName: '', workCenters: [newWorkCenter()],
});

export function toDraft(setup: LineSetup): LineDraft {
  return {
    siteId: setup.site.id,
    siteName: setup.site.name,
    areaId: setup.area.id,
    areaName: setup.area.name,
    lineId: setup.line.id,
    lineName: setup.line.name,
    workCenters: setup.line.workCenters.map((w) => ({
      key: nextKey++,
      id: w.id,
      name: w.name,
      description: w.description,
      plcFolder: w.plcFolder,
      packml: Object.entries(w.packml).map(([raw, state]) => `${raw}=${state}`).join(', '),
    })),
  };
}

/** The setup to send, or what in the mapping text is not understood (the station checks the rest). */
export function fromDraft(d: LineDraft): { ok: true; value: LineSetupInput } | { ok: false; message: string } {
  const workCenters = [];
  for (const w of d.workCenters) {
    const packml: Record<string, PackMLState> = {};
    for (const pair of w.packml.split(',').map((p) => p.trim()).filter(Boolean)) {
      const [raw, state] = pair.split('=').map((x) => x.trim());
      const known = PACKML_STATES.find((s) => s.toLowerCase() === (state ?? '').toLowerCase());
      if (!raw || !known) return { ok: false, message: `Work center ${w.id || '(no id)'}: "${pair}" is not PLC value=PackML state (e.g. RUN=Execute).` };
      packml[raw] = known;
    }
    workCenters.push({ id: w.id.trim(), name: w.name.trim(), description: w.description.trim(), plcFolder: w.plcFolder.trim(), packml });
  }
  return {
    ok: true,
    value: {
      site: { id: d.siteId.trim(), name: d.siteName.trim() },
      area: { id: d.areaId.trim(), name: d.areaName.trim() },
      line: { id: d.lineId.trim(), name: d.lineName.trim(), workCenters },
    },
  };
}
