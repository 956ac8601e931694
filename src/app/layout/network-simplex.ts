// Network simplex layering (Gansner et al., "A Technique for Drawing Directed Graphs", 1993):
// minimises the total edge span (so the number of dummy nodes and the main-axis edge length),
// starting from any feasible layering. Works on forests of components. The number of pivots is
// capped so that the cost stays bounded on big graphs; every intermediate layering is feasible.

export interface SimplexStats {
  pivots: number;
  /** Nodes relabelled after pivots (the dominant cost: the subtree under each pivot's tree path). */
  work: number;
  /** True when the optimum was reached before the pivot cap. */
  optimal: boolean;
}

/**
 * Improves `layer` in place (every edge from -> to must already satisfy layer[to] - layer[from] >= 1).
 * Multi-edges are merged into weighted edges.
 */
export function refineLayersBySimplex(n: number, from: Int32Array, to: Int32Array, layer: Int32Array, maxPivots: number, maxWork = Infinity): SimplexStats {
  // Merge parallel edges.
  const pairIndex = new Map<number, number>();
  const ef: number[] = [];
  const et: number[] = [];
  const ew: number[] = [];
  for (let k = 0; k < from.length; k++) {
    const key = from[k]! * n + to[k]!;
    const existing = pairIndex.get(key);
    if (existing !== undefined) {
      ew[existing]!++;
      continue;
    }
    pairIndex.set(key, ef.length);
    ef.push(from[k]!);
    et.push(to[k]!);
    ew.push(1);
  }
  const m = ef.length;
  const eFrom = Int32Array.from(ef);
  const eTo = Int32Array.from(et);
  const weight = Float64Array.from(ew);

  // Incident edges per node (both directions), CSR.
  const incStart = new Int32Array(n + 1);
  for (let k = 0; k < m; k++) {
    incStart[eFrom[k]! + 1]!++;
    incStart[eTo[k]! + 1]!++;
  }
  for (let v = 0; v < n; v++) incStart[v + 1]! += incStart[v]!;
  const incFill = incStart.slice(0, n);
  const inc = new Int32Array(2 * m);
  for (let k = 0; k < m; k++) {
    inc[incFill[eFrom[k]!]!++] = k;
    inc[incFill[eTo[k]!]!++] = k;
  }
  const slack = (k: number): number => layer[eTo[k]!]! - layer[eFrom[k]!]! - 1;
  const other = (k: number, v: number): number => (eFrom[k] === v ? eTo[k]! : eFrom[k]!);

  // 1. Feasible tight spanning forest.
  const inTree = new Uint8Array(n);
  const treeEdge = new Uint8Array(m);
  const stack = new Int32Array(n);
  const members: number[] = [];
  for (let root = 0; root < n; root++) {
    if (inTree[root] === 1) continue;
    members.length = 0;
    const grow = (startNode: number): void => {
      let sp = 0;
      stack[sp++] = startNode;
      while (sp > 0) {
        const v = stack[--sp]!;
        for (let p = incStart[v]!; p < incStart[v + 1]!; p++) {
          const k = inc[p]!;
          const w = other(k, v);
          if (inTree[w] === 0 && slack(k) === 0) {
            inTree[w] = 1;
            treeEdge[k] = 1;
            members.push(w);
            stack[sp++] = w;
          }
        }
      }
    };
    inTree[root] = 1;
    members.push(root);
    grow(root);
    for (;;) {
      // Min-slack edge with exactly one end in this tree.
      let best = -1;
      let bestSlack = Infinity;
      for (const v of members) {
        for (let p = incStart[v]!; p < incStart[v + 1]!; p++) {
          const k = inc[p]!;
          if (inTree[other(k, v)] === 1) continue;
          const s = slack(k);
          if (s < bestSlack || (s === bestSlack && k < best)) {
            bestSlack = s;
            best = k;
          }
        }
      }
      if (best < 0) break;
      const delta = inTree[eFrom[best]!] === 1 ? bestSlack : -bestSlack;
      for (const v of members) layer[v]! += delta;
      const w = inTree[eFrom[best]!] === 1 ? eTo[best]! : eFrom[best]!;
      inTree[w] = 1;
      treeEdge[best] = 1;
      members.push(w);
      grow(w);
    }
  }

  // 2. Tree labels: parent, low/lim postorder numbers (postorder[lim - 1] is the node), cut values per tree edge.
  const parent = new Int32Array(n);
  const parentEdge = new Int32Array(n);
  const low = new Int32Array(n);
  const lim = new Int32Array(n);
  const cut = new Float64Array(m);
  const postorder = new Int32Array(n);
  const cursor = new Int32Array(n);
  const isRoot = new Uint8Array(n);
  // Roots: first node of every component (pivots never change components).
  const roots: number[] = [];
  {
    const seen = new Uint8Array(n);
    for (let r = 0; r < n; r++) {
      if (seen[r] === 1) continue;
      roots.push(r);
      isRoot[r] = 1;
      let sp = 0;
      stack[sp++] = r;
      seen[r] = 1;
      while (sp > 0) {
        const v = stack[--sp]!;
        for (let p = incStart[v]!; p < incStart[v + 1]!; p++) {
          const w = other(inc[p]!, v);
          if (seen[w] === 0) {
            seen[w] = 1;
            stack[sp++] = w;
          }
        }
      }
    }
  }

  /** Numbers the subtree of `top` (reached from outside through `topEdge`) from `first`; returns the next free number. */
  const labelSubtree = (top: number, topParent: number, topEdge: number, first: number): number => {
    let next = first;
    let sp = 0;
    stack[sp++] = top;
    parent[top] = topParent;
    parentEdge[top] = topEdge;
    low[top] = next;
    cursor[top] = incStart[top]!;
    while (sp > 0) {
      const v = stack[sp - 1]!;
      const p = cursor[v]!;
      if (p < incStart[v + 1]!) {
        cursor[v] = p + 1;
        const k = inc[p]!;
        if (treeEdge[k] === 0 || k === parentEdge[v]) continue;
        const w = other(k, v);
        parent[w] = v;
        parentEdge[w] = k;
        low[w] = next;
        cursor[w] = incStart[w]!;
        stack[sp++] = w;
      } else {
        lim[v] = next;
        postorder[next - 1] = v;
        next++;
        sp--;
      }
    }
    return next;
  };

  let nextLabel = 1;
  for (const r of roots) nextLabel = labelSubtree(r, -1, -1, nextLabel);

  // Initial cut values, children before parents (Gansner et al. / dagre's local formula).
  for (let i = 0; i < n; i++) {
    const child = postorder[i]!;
    if (isRoot[child] === 1) continue;
    const par = parent[child]!;
    const pe = parentEdge[child]!;
    const childIsTail = eFrom[pe] === child;
    let value = weight[pe]!;
    for (let p = incStart[child]!; p < incStart[child + 1]!; p++) {
      const k = inc[p]!;
      if (k === pe) continue;
      const isOut = eFrom[k] === child;
      const w = isOut ? eTo[k]! : eFrom[k]!;
      if (w === par) continue;
      const pointsToHead = isOut === childIsTail;
      value += pointsToHead ? weight[k]! : -weight[k]!;
      if (treeEdge[k] === 1) value += pointsToHead ? -cut[k]! : cut[k]!;
    }
    cut[pe] = value;
  }

  const inSubtree = (v: number, top: number): boolean => lim[v]! >= low[top]! && lim[v]! <= lim[top]!;

  /** Graphviz's treeupdate: walk from v up to the subtree containing w, adjusting cut values. */
  const updatePath = (start: number, target: number, delta: number, dir: boolean): number => {
    let v = start;
    while (!inSubtree(target, v)) {
      const k = parentEdge[v]!;
      const d = v === eFrom[k] ? dir : !dir;
      cut[k]! += d ? delta : -delta;
      v = parent[v]!;
    }
    return v;
  };

  let pivots = 0;
  let optimal = false;
  let scanFrom = 0;
  let work = 0;
  while (pivots < maxPivots && work < maxWork) {
    // Leaving edge: a tree edge with a negative cut value (round-robin scan).
    let e = -1;
    for (let i = 0; i < m; i++) {
      const k = scanFrom + i < m ? scanFrom + i : scanFrom + i - m;
      if (treeEdge[k] === 1 && cut[k]! < 0) {
        e = k;
        break;
      }
    }
    if (e < 0) {
      optimal = true;
      break;
    }
    scanFrom = e + 1 < m ? e + 1 : 0;
    // The child end of e roots the subtree that gets cut off.
    const child = parent[eFrom[e]!] === eTo[e] && parentEdge[eFrom[e]!] === e ? eFrom[e]! : eTo[e]!;
    const childIsTail = child === eFrom[e];
    // Entering edge: min slack among edges crossing the cut in the opposite direction to e. Every
    // such edge touches the cut-off subtree, so scan the subtree's edges when it is the smaller side.
    let f = -1;
    let bestSlack = Infinity;
    const consider = (k: number): void => {
      if (treeEdge[k] === 1) return;
      const fromInside = inSubtree(eFrom[k]!, child);
      const toInside = inSubtree(eTo[k]!, child);
      if (childIsTail ? !fromInside && toInside : fromInside && !toInside) {
        const s = slack(k);
        if (s < bestSlack || (s === bestSlack && k < f)) {
          bestSlack = s;
          f = k;
        }
      }
    };
    const subtreeSize = lim[child]! - low[child]! + 1;
    if (subtreeSize * 4 < n) {
      for (let l = low[child]!; l <= lim[child]!; l++) {
        const v = postorder[l - 1]!;
        for (let p = incStart[v]!; p < incStart[v + 1]!; p++) consider(inc[p]!);
      }
    } else {
      for (let k = 0; k < m; k++) consider(k);
    }
    if (f < 0) break; // cannot happen for a valid tree; the layering stays feasible
    // Shift the cut-off subtree so that f becomes tight.
    if (bestSlack > 0) {
      const shift = inSubtree(eTo[f]!, child) ? -bestSlack : bestSlack;
      for (let l = low[child]!; l <= lim[child]!; l++) layer[postorder[l - 1]!]! += shift;
    }
    // Cut values change only on the tree path between f's ends.
    const value = cut[e]!;
    const lca = updatePath(eFrom[f]!, eTo[f]!, value, true);
    updatePath(eTo[f]!, eFrom[f]!, value, false);
    cut[f] = -value;
    cut[e] = 0;
    treeEdge[e] = 0;
    treeEdge[f] = 1;
    work += lim[lca]! - low[lca]! + 1;
    labelSubtree(lca, parent[lca]!, parentEdge[lca]!, low[lca]!);
    pivots++;
  }
  return { pivots, work, optimal };
}
