import { useCallback, useEffect, useRef } from 'react';

/**
 * Fields the operator types into: focus is never taken from them. A select is not one: letters typed into it would
 * pick another option, so a scan that arrives there goes to the scan field.
 */
function isEditable(element: Element | null): boolean {
  if (!element) return false;
  if (element instanceof HTMLTextAreaElement) return true;
  if (element instanceof HTMLInputElement) return !['button', 'submit', 'reset', 'checkbox', 'radio'].includes(element.type);
  return element instanceof HTMLElement && element.isContentEditable;
}

const dialogOpen = (): boolean => document.querySelector('dialog[open]') !== null;

/**
 * Keeps the scan field ready for a keyboard-wedge scanner: it takes the focus after every action and when a key is
 * typed while nothing that takes text has the focus (a scanner's first character then lands in the field). It never
 * takes the focus from a measurement input, another field or an open dialog.
 */
export function useScanFocus() {
  const ref = useRef<HTMLInputElement>(null);

  const refocus = useCallback(() => {
    // After the render that follows an action (a button may have been disabled or removed meanwhile).
    requestAnimationFrame(() => {
      const field = ref.current;
      if (!field || dialogOpen()) return;
      const active = document.activeElement;
      if (active !== field && isEditable(active)) return;
      field.focus();
    });
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const field = ref.current;
      // Space stays with the focused button (keyboard users press it).
      if (!field || event.key.length !== 1 || event.key === ' ' || event.ctrlKey || event.altKey || event.metaKey) return;
      if (dialogOpen() || isEditable(event.target instanceof Element ? event.target : null)) return;
      // Focus moved during keydown: the character is typed into the scan field.
      field.focus();
    };
    window.addEventListener('keydown', onKey, true);
    refocus();
    return () => window.removeEventListener('keydown', onKey, true);
  }, [refocus]);

  return { ref, refocus };
}
