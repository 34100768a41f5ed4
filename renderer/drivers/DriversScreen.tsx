import { useEffect, useMemo, useState } from 'react';
import { can, tagKey, type TagRef } from '../../core';
import type { ActionResult } from '../shell/ActionMessage';
import { useSession } from '../shell/context';
import { Tabs, type TabSpec } from '../shell/Tabs';
import { useLiveQuery } from '../shell/useLiveQuery';
import { BrowseTree } from './BrowseTree';
import { CertificatesPanel } from './CertificatesPanel';
import { ConnectionForm } from './ConnectionForm';
import { ConnectionTable } from './ConnectionTable';
import { draftOf, KIND_LABEL, newDraft, type ConnectionKind } from './draft';
import { MappingEditor } from './MappingEditor';
import { UnsPanel } from './UnsPanel';
import { WatchList } from './WatchList';
import './drivers.css';

type Sub = 'conn-settings' | 'conn-tags' | 'conn-certs' | 'conn-mapping';
const SUBS: readonly TabSpec<Sub>[] = [
  { id: 'conn-settings', label: 'Settings', shortcut: '' },
  { id: 'conn-tags', label: 'Tags & watch list', shortcut: '' },
  { id: 'conn-certs', label: 'Certificates', shortcut: '' },
  { id: 'conn-mapping', label: 'Mapping', shortcut: '' },
];
const HEALTH_EVERY_MS = 2_000;

/** Connections to the machines: health and counters, settings, tag browser with live watch list, certificates, signal mapping; and where the line is published (Unified Namespace). */
export function DriversScreen() {
  const { user } = useSession();
  const canEdit = can(user.role, 'drivers.configure');
  const conns = useLiveQuery('listConnections', {}, ['config']);
  const config = useLiveQuery('getConfig', {}, ['config']);
  // The line as set up (work centers and their PLC folders), followed as engineers change it.
  const setup = useLiveQuery('getLineSetup', {}, ['line']);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [adding, setAdding] = useState<ConnectionKind | null>(null);
  const [sub, setSub] = useState<Sub>('conn-settings');
  const [watch, setWatch] = useState<TagRef[]>([]);
  const [picked, setPicked] = useState<TagRef | null>(null);
  // A new connection's form opens anew under its id once saved: it shows what saving it said.
  const [savedNotice, setSavedNotice] = useState<{ id: string; message: ActionResult } | null>(null);

  // Health and counters are not on the stream: re-read them while this screen is open.
  const reloadConns = conns.reload;
  useEffect(() => {
    const timer = setInterval(reloadConns, HEALTH_EVERY_MS);
    return () => clearInterval(timer);
  }, [reloadConns]);

  const list = conns.data ?? [];
  const selected = list.find((c) => c.config.id === selectedId) ?? (adding ? undefined : list[0]);
  const workCenters = useMemo(() => {
    const ids = new Set([...(setup.data?.line.workCenters ?? []).map((w) => w.id), ...(config.data?.mapping.workCenters ?? []).map((w) => w.workCenter)]);
    return [...ids].sort();
  }, [setup.data, config.data]);

  const certsShown = !adding && selected?.config.kind === 'opcua';
  const tab: Sub = sub === 'conn-certs' && !certsShown ? 'conn-settings' : sub;
  const addWatch = (ref: TagRef) => setWatch((w) => (w.some((x) => tagKey(x) === tagKey(ref)) ? w : [...w, ref]));
  const tree = (activate: (ref: TagRef) => void, label: string) =>
    selected ? (
      <BrowseTree
        key={selected.config.id}
        connection={selected.config.id}
        activateLabel={label}
        onPick={(n) => setPicked({ connection: selected.config.id, address: n.address })}
        onActivate={(n) => activate({ connection: selected.config.id, address: n.address })}
      />
    ) : (
      <p className="empty">Select a saved connection above to browse its tags.</p>
    );

  return (
    <div className="drivers-screen">
      <div className="orders-head">
        <h2>Connections</h2>
        {canEdit ? (
          (['opcua', 'sparkplug', 'mqtt-json'] as const).map((k) => (
            <button
              key={k}
              type="button"
              className="button"
              data-testid={`conn-add-${k}`}
              onClick={() => {
                setAdding(k);
                setSelectedId(null);
                setSavedNotice(null);
                setSub('conn-settings');
              }}
            >
              Add {KIND_LABEL[k]}
            </button>
          ))
        ) : (
          <span className="muted">Read-only for your role; engineers change connections.</span>
        )}
      </div>
      {conns.error && (
        <p className="message message-error" role="alert">
          {conns.data ? 'Showing the last values read: ' : 'The connections cannot be read: '}
          {conns.error.message}
        </p>
      )}
      {conns.data && list.length === 0 && !adding && (
        <p className="empty" data-testid="conn-empty">
          No connections yet.{' '}
          {canEdit ? 'Add one with the buttons above: OPC UA for a PLC, Sparkplug or MQTT JSON for a broker.' : 'An engineer adds them.'}
        </p>
      )}
      {list.length > 0 && (
        <div className={conns.stale ? 'stale' : undefined}>
          <ConnectionTable
            connections={list}
            selected={adding ? null : (selected?.config.id ?? null)}
            onSelect={(id) => {
              setSelectedId(id);
              setAdding(null);
              setSavedNotice(null);
            }}
          />
        </div>
      )}
      {(selected || adding) && (
        <section className="panel conn-detail" aria-label={adding ? `New ${KIND_LABEL[adding]} connection` : `Connection ${selected?.config.id}`}>
          <Tabs tabs={SUBS.filter((s) => s.id !== 'conn-certs' || certsShown)} active={tab} onSelect={setSub} label="Connection details" />
          <div id={`panel-${tab}`} role="tabpanel" aria-labelledby={`tab-${tab}`} className="conn-panel">
            {tab === 'conn-settings' && (
              <ConnectionForm
                key={adding ?? selected?.config.id}
                initial={adding ? newDraft(adding) : selected ? draftOf(selected.config) : newDraft('opcua')}
                isNew={adding !== null}
                canEdit={canEdit}
                notice={!adding && savedNotice && savedNotice.id === selected?.config.id ? savedNotice.message : null}
                onSaved={(v, message) => {
                  if (adding) setSavedNotice({ id: v.config.id, message });
                  setAdding(null);
                  setSelectedId(v.config.id);
                  conns.reload();
                }}
                onRemoved={() => {
                  setSelectedId(null);
                  conns.reload();
                }}
              />
            )}
            {tab !== 'conn-settings' && adding && (
              <p className="empty">Save the new connection first; then its tags, certificates and mapping are here.</p>
            )}
            {tab === 'conn-tags' && !adding && (
              <div className="split">
                <div className="split-tree">{tree(addWatch, 'Watch')}</div>
                <div className="split-main">
                  <h3>Watch list</h3>
                  <WatchList tags={watch} onRemove={(t) => setWatch((w) => w.filter((x) => tagKey(x) !== tagKey(t)))} />
                </div>
              </div>
            )}
            {tab === 'conn-certs' && selected && !adding && (
              <CertificatesPanel key={selected.config.id} connection={selected.config.id} canEdit={canEdit} />
            )}
            {tab === 'conn-mapping' && !adding && (
              <div className="split">
                <div className="split-tree">{tree(setPicked, 'Pick')}</div>
                <div className="split-main">
                  {config.data ? (
                    <MappingEditor
                      config={config.data}
                      workCenters={workCenters}
                      line={setup.data?.line ?? null}
                      connection={selected?.config.kind === 'opcua' ? selected.config.id : null}
                      picked={picked}
                      canEdit={canEdit}
                    />
                  ) : (
                    <p className="muted" role="status">
                      {config.error ? `The mapping cannot be read: ${config.error.message}` : 'Reading the mapping…'}
                    </p>
                  )}
                </div>
              </div>
            )}
          </div>
        </section>
      )}
      <UnsPanel canEdit={canEdit} />
    </div>
  );
}
