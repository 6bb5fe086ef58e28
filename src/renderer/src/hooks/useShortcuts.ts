/** Global keyboard shortcuts: maps key presses through lib/shortcuts and runs the player/library actions. */
import { useEffect } from 'react';
import { SEEK_STEP_SEC, VOLUME_STEP, shortcutFor, type ShortcutAction } from '../lib/shortcuts';
import { previous, seekBy, togglePlay } from '../features/player/audio-engine';
import { playSimilarToSelection, skipCurrent } from '../features/radio/radio-actions';
import { toggleLiked } from '../stores/likes-store';
import { currentItem } from '../stores/queue-store';
import { changeVolume, toggleMute } from '../features/player/volume';
import { playSelected } from '../features/library/play-actions';
import { SEARCH_INPUT_ID } from '../features/library/SearchBox';
import { setQuery, useBrowseStore } from '../stores/browse-store';
import { setHelpOpen, showView, useUiStore } from '../stores/ui-store';

/** Fields where keys mean text: only search shortcuts and Escape apply there. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['range', 'button', 'submit'].includes(target.type);
  return false;
}

/** Buttons and links activate on Enter themselves; Space on them is taken over for play/pause below. */
function isControl(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest('button, a, [role="menuitem"], summary') !== null;
}

function focusSearch(): void {
  showView('library');
  // The library view may only now be mounting; focus on the next frame.
  requestAnimationFrame(() => {
    const input = document.getElementById(SEARCH_INPUT_ID);
    if (input instanceof HTMLInputElement) {
      input.focus();
      input.select();
    }
  });
}

function run(action: ShortcutAction, target: EventTarget | null): void {
  switch (action) {
    case 'togglePlay': return togglePlay();
    case 'focusSearch': return focusSearch();
    case 'seekBack': return seekBy(-SEEK_STEP_SEC);
    case 'seekForward': return seekBy(SEEK_STEP_SEC);
    case 'previous': return previous();
    case 'next': return skipCurrent();
    case 'playSimilar': return playSimilarToSelection();
    case 'toggleLike': {
      const item = currentItem();
      if (item) void toggleLiked(item.trackId);
      return;
    }
    case 'volumeUp': return changeVolume(VOLUME_STEP);
    case 'volumeDown': return changeVolume(-VOLUME_STEP);
    case 'toggleMute': return toggleMute();
    case 'playSelected': return playSelected();
    case 'toggleHelp': return setHelpOpen(!useUiStore.getState().helpOpen);
    case 'escape':
      if (useUiStore.getState().helpOpen) return setHelpOpen(false);
      if (useBrowseStore.getState().query) setQuery('');
      if (target instanceof HTMLInputElement && target.id === SEARCH_INPUT_ID) target.blur();
      return;
  }
}

export function useShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing) return;
      const typing = isTyping(e.target);
      const action = shortcutFor(e, typing);
      if (!action) return;
      if (action === 'playSelected' && isControl(e.target)) return;
      // A range input (seek/volume slider) keeps its own arrow keys.
      if (e.target instanceof HTMLInputElement && e.target.type === 'range' && e.key.startsWith('Arrow') && !e.ctrlKey && !e.metaKey) return;
      e.preventDefault();
      run(action, e.target);
    };
    // Space on a focused button would "click" it on keyup as well as toggling play.
    const onKeyUp = (e: KeyboardEvent) => {
      if (e.key === ' ' && isControl(e.target) && !isTyping(e.target)) e.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener('keyup', onKeyUp);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('keyup', onKeyUp);
    };
  }, []);
}
