// Follow mode for a scrolling log: stays pinned to the bottom as content grows; scrolling up
// turns it off, scrolling back to the bottom turns it on again.
import { useCallback, useLayoutEffect, useRef, useState } from "react";
import type { RefObject } from "react";

export function useFollow(ref: RefObject<HTMLElement | null>, contentKey: unknown): { follow: boolean; setFollow: (f: boolean) => void; onScroll: () => void } {
  const [follow, setFollowState] = useState(true);
  const programmatic = useRef(false);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el || !follow) return;
    programmatic.current = true;
    el.scrollTop = el.scrollHeight;
  }, [ref, follow, contentKey]);
  const onScroll = useCallback(() => {
    const el = ref.current;
    if (!el) return;
    if (programmatic.current) {
      programmatic.current = false;
      return;
    }
    const atBottom = el.scrollHeight - el.scrollTop - el.clientHeight < 8;
    setFollowState(atBottom);
  }, [ref]);
  return { follow, setFollow: setFollowState, onScroll };
}
