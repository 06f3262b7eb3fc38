// Havlak: loop recognition in a large synthetic control-flow graph, after R. Hundt's
// "Loop Recognition in C++/Java/Go/Scala" benchmark. Havlak's algorithm (a refinement of
// Tarjan's interval analysis): number the CFG depth-first, split every block's predecessors
// into back-edge and non-back-edge ones, then walk the blocks in reverse DFS order and
// collapse each loop body into its header with a union-find, building the loop-nesting tree
// (the loop structure graph). The CFG is made of nested diamonds and straight-line chains,
// so the number of loops and their nesting are known in advance.

// ----------------------------------------------------------------------------------------
// The control-flow graph

class BasicBlock {
  constructor(name) {
    this.name = name;
    this.inEdges = [];
    this.outEdges = [];
  }
  numPred() { return this.inEdges.length; }
  numSucc() { return this.outEdges.length; }
  addOutEdge(to) { this.outEdges.push(to); }
  addInEdge(from) { this.inEdges.push(from); }
}

class BasicBlockEdge {
  constructor(cfg, fromName, toName) {
    this.from = cfg.createNode(fromName);
    this.to = cfg.createNode(toName);
    this.from.addOutEdge(this.to);
    this.to.addInEdge(this.from);
    cfg.addEdge(this);
  }
}

class ControlFlowGraph {
  constructor() {
    this.basicBlocks = new Map(); // name -> BasicBlock
    this.startNode = null;
    this.edges = [];
  }
  createNode(name) {
    let node = this.basicBlocks.get(name);
    if (node === undefined) {
      node = new BasicBlock(name);
      this.basicBlocks.set(name, node);
    }
    if (this.getNumNodes() === 1) this.startNode = node;
    return node;
  }
  addEdge(edge) { this.edges.push(edge); }
  getNumNodes() { return this.basicBlocks.size; }
  getNumEdges() { return this.edges.length; }
}

// ----------------------------------------------------------------------------------------
// Loops and the loop structure graph

class SimpleLoop {
  constructor(header, isReducible) {
    this.basicBlocks = new Set();
    this.children = new Set();
    this.parent = null;
    this.header = null;
    this.isRoot = false;
    this.isReducible = isReducible;
    this.counter = 0;
    this.nestingLevel = 0;
    this.depthLevel = 0;
    if (header !== null) this.setHeader(header);
  }
  addNode(bb) { this.basicBlocks.add(bb); }
  addChildLoop(loop) { this.children.add(loop); }
  setParent(parent) {
    this.parent = parent;
    parent.addChildLoop(this);
  }
  setHeader(bb) {
    this.basicBlocks.add(bb);
    this.header = bb;
  }
  setNestingLevel(level) {
    this.nestingLevel = level;
    if (level === 0) this.isRoot = true;
  }
}

class LoopStructureGraph {
  constructor() {
    this.loopCounter = 0;
    this.loops = [];
    this.root = new SimpleLoop(null, true);
    this.root.setNestingLevel(0);
    this.root.counter = this.loopCounter++;
    this.loops.push(this.root);
  }
  createNewLoop(bb, isReducible) {
    const loop = new SimpleLoop(bb, isReducible);
    loop.counter = this.loopCounter++;
    this.loops.push(loop);
    return loop;
  }
  calculateNestingLevel() {
    // Every loop without a parent hangs off the artificial root.
    for (const loop of this.loops) {
      if (loop.isRoot) continue;
      if (loop.parent === null) loop.setParent(this.root);
    }
    this.calculateNestingLevelRec(this.root, 0);
  }
  calculateNestingLevelRec(loop, depth) {
    loop.depthLevel = depth;
    for (const child of loop.children) {
      this.calculateNestingLevelRec(child, depth + 1);
      loop.setNestingLevel(Math.max(loop.nestingLevel, 1 + child.nestingLevel));
    }
  }
  getNumLoops() { return this.loops.length; }
}

// ----------------------------------------------------------------------------------------
// Union-find over DFS-numbered nodes

class UnionFindNode {
  constructor() {
    this.parent = null;
    this.bb = null;
    this.loop = null;
    this.dfsNumber = 0;
  }
  initNode(bb, dfsNumber) {
    this.parent = this;
    this.bb = bb;
    this.dfsNumber = dfsNumber;
    this.loop = null;
  }
  // Find the set representative, compressing the path on the way.
  findSet() {
    const nodeList = [];
    let node = this;
    while (node !== node.parent) {
      if (node.parent !== node.parent.parent) nodeList.push(node);
      node = node.parent;
    }
    for (let i = 0; i < nodeList.length; i++) nodeList[i].parent = node.parent;
    return node;
  }
  union(other) { this.parent = other; }
}

// ----------------------------------------------------------------------------------------
// Havlak's loop finder

const BB_TOP = 0;          // uninitialized
const BB_NONHEADER = 1;    // a regular block
const BB_REDUCIBLE = 2;    // header of a reducible loop
const BB_SELF = 3;         // a single-block loop
const BB_IRREDUCIBLE = 4;  // header of an irreducible loop
const BB_DEAD = 5;         // unreachable
const UNVISITED = 2147483647;
const MAXNONBACKPREDS = 32 * 1024;

class HavlakLoopFinder {
  constructor(cfg, lsg) {
    this.cfg = cfg;
    this.lsg = lsg;
    this.nonBackPreds = [];
    this.backPreds = [];
    this.number = new Map(); // BasicBlock -> DFS number
    this.maxSize = 0;
    this.header = null;
    this.type = null;
    this.last = null;
    this.nodes = null;
  }

  // w is an ancestor of v in the DFS tree iff v lies in w's DFS interval.
  isAncestor(w, v) { return w <= v && v <= this.last[w]; }

  doDFS(currentNode, current) {
    this.nodes[current].initNode(currentNode, current);
    this.number.set(currentNode, current);
    let lastId = current;
    const outEdges = currentNode.outEdges;
    for (let i = 0; i < outEdges.length; i++) {
      const target = outEdges[i];
      if (this.number.get(target) === UNVISITED) lastId = this.doDFS(target, lastId + 1);
    }
    this.last[this.number.get(currentNode)] = lastId;
    return lastId;
  }

  initAllNodes() {
    for (const bb of this.cfg.basicBlocks.values()) this.number.set(bb, UNVISITED);
    this.doDFS(this.cfg.startNode, 0);
  }

  identifyEdges(size) {
    for (let w = 0; w < size; w++) {
      this.header[w] = 0;
      this.type[w] = BB_NONHEADER;
      const nodeW = this.nodes[w].bb;
      if (nodeW === null) this.type[w] = BB_DEAD;
      else this.processEdges(nodeW, w);
    }
  }

  processEdges(nodeW, w) {
    if (nodeW.numPred() === 0) return;
    for (const nodeV of nodeW.inEdges) {
      const v = this.number.get(nodeV);
      if (v === UNVISITED) continue; // unreachable predecessor
      if (this.isAncestor(w, v)) this.backPreds[w].push(v);
      else this.nonBackPreds[w].add(v);
    }
  }

  findLoops() {
    if (this.cfg.startNode === null) return;
    const size = this.cfg.getNumNodes();
    this.nonBackPreds = [];
    this.backPreds = [];
    this.number.clear();
    if (size > this.maxSize) {
      this.header = new Array(size).fill(0);
      this.type = new Array(size).fill(BB_TOP);
      this.last = new Array(size).fill(0);
      this.nodes = new Array(size);
      this.maxSize = size;
    }
    for (let i = 0; i < size; i++) {
      this.nonBackPreds.push(new Set());
      this.backPreds.push([]);
      this.nodes[i] = new UnionFindNode();
    }

    // Step a: DFS numbering. Step b: classify predecessors.
    this.initAllNodes();
    this.identifyEdges(size);
    this.header[0] = 0;

    // Step c: visit the blocks bottom-up (reverse DFS order), collapsing loop bodies.
    for (let w = size - 1; w >= 0; w--) {
      const nodeW = this.nodes[w].bb;
      if (nodeW === null) continue;
      const nodePool = [];
      this.stepD(w, nodePool);

      // Step e: walk back from the back-edge sources to the header along non-back edges.
      const workList = nodePool.slice();
      if (nodePool.length !== 0) this.type[w] = BB_REDUCIBLE;
      let head = 0;
      while (head < workList.length) {
        const x = workList[head++];
        const nonBackSize = this.nonBackPreds[x.dfsNumber].size;
        if (nonBackSize > MAXNONBACKPREDS) return;
        this.stepEProcessNonBackPreds(w, nodePool, workList, x);
      }

      // Collapse the body into the header and record the loop.
      if (nodePool.length > 0 || this.type[w] === BB_SELF) {
        const loop = this.lsg.createNewLoop(nodeW, this.type[w] !== BB_IRREDUCIBLE);
        this.setLoopAttributes(w, nodePool, loop);
      }
    }
  }

  stepD(w, nodePool) {
    for (const v of this.backPreds[w]) {
      if (v !== w) nodePool.push(this.nodes[v].findSet());
      else this.type[w] = BB_SELF;
    }
  }

  stepEProcessNonBackPreds(w, nodePool, workList, x) {
    for (const iter of this.nonBackPreds[x.dfsNumber]) {
      const y = this.nodes[iter];
      const ydash = y.findSet();
      if (!this.isAncestor(w, ydash.dfsNumber)) {
        this.type[w] = BB_IRREDUCIBLE;
        this.nonBackPreds[w].add(ydash.dfsNumber);
      } else if (ydash.dfsNumber !== w) {
        if (nodePool.indexOf(ydash) < 0) {
          workList.push(ydash);
          nodePool.push(ydash);
        }
      }
    }
  }

  setLoopAttributes(w, nodePool, loop) {
    this.nodes[w].loop = loop;
    for (const node of nodePool) {
      this.header[node.dfsNumber] = w;
      node.union(this.nodes[w]);
      // Inner loops become children; plain blocks join the loop body.
      if (node.loop !== null) node.loop.setParent(loop);
      else loop.addNode(node.bb);
    }
  }
}

// ----------------------------------------------------------------------------------------
// The synthetic CFG and the driver

const NUM_DUMMY_LOOPS = 20;     // loop finding on the small initial CFG
const FIND_LOOP_ITERATIONS = 8; // extra loop-finding passes on the big CFG
const PAR_LOOPS = 10;           // parallel loop trees hanging off block 2
const PPAR_LOOPS = 10;          // outer loops per tree, in sequence
const PPPAR_LOOPS = 5;          // base loops (3 nested loops each) per outer loop

class LoopTesterApp {
  constructor() {
    this.cfg = new ControlFlowGraph();
    this.lsg = new LoopStructureGraph();
    this.cfg.createNode(0);
  }

  buildDiamond(start) {
    const bb0 = start;
    new BasicBlockEdge(this.cfg, bb0, bb0 + 1);
    new BasicBlockEdge(this.cfg, bb0, bb0 + 2);
    new BasicBlockEdge(this.cfg, bb0 + 1, bb0 + 3);
    new BasicBlockEdge(this.cfg, bb0 + 2, bb0 + 3);
    return bb0 + 3;
  }

  buildConnect(start, end) { new BasicBlockEdge(this.cfg, start, end); }

  buildStraight(start, n) {
    for (let i = 0; i < n; i++) this.buildConnect(start + i, start + i + 1);
    return start + n;
  }

  // header -> diamond1 -> d11 -> diamond2 -> footer, with back edges diamond2 -> d11,
  // diamond1 -> header and footer -> from: three loops, nested three deep.
  buildBaseLoop(from) {
    const header = this.buildStraight(from, 1);
    const diamond1 = this.buildDiamond(header);
    const d11 = this.buildStraight(diamond1, 1);
    const diamond2 = this.buildDiamond(d11);
    let footer = this.buildStraight(diamond2, 1);
    this.buildConnect(diamond2, d11);
    this.buildConnect(diamond1, header);
    this.buildConnect(footer, from);
    footer = this.buildStraight(footer, 1);
    return footer;
  }

  constructSimpleCFG() {
    this.cfg.createNode(0);
    this.buildBaseLoop(0);
    this.cfg.createNode(1);
    this.buildConnect(0, 2);
  }

  addDummyLoops(numDummyLoops) {
    for (let dummyLoop = 0; dummyLoop < numDummyLoops; dummyLoop++) {
      new HavlakLoopFinder(this.cfg, new LoopStructureGraph()).findLoops();
    }
  }

  constructCFG(parLoops, pparLoops, ppparLoops) {
    let n = 2;
    for (let parlooptrees = 0; parlooptrees < parLoops; parlooptrees++) {
      this.cfg.createNode(n + 1);
      this.buildConnect(2, n + 1);
      n = n + 1;
      for (let i = 0; i < pparLoops; i++) {
        const top = n;
        n = this.buildStraight(n, 1);
        for (let j = 0; j < ppparLoops; j++) n = this.buildBaseLoop(n);
        const bottom = this.buildStraight(n, 1);
        this.buildConnect(n, top);
        n = bottom;
      }
      this.buildConnect(n, 1);
    }
  }

  main(numDummyLoops, findLoopIterations, parLoops, pparLoops, ppparLoops) {
    this.constructSimpleCFG();
    this.addDummyLoops(numDummyLoops);
    this.constructCFG(parLoops, pparLoops, ppparLoops);

    new HavlakLoopFinder(this.cfg, this.lsg).findLoops();
    const numLoops = this.lsg.getNumLoops();
    // Repeated passes over fresh loop structure graphs must agree.
    for (let i = 0; i < findLoopIterations; i++) {
      const lsg = new LoopStructureGraph();
      new HavlakLoopFinder(this.cfg, lsg).findLoops();
      if (lsg.getNumLoops() !== numLoops) return "inconsistent loop count " + lsg.getNumLoops();
    }
    this.lsg.calculateNestingLevel();

    let maxDepth = 0, sumNesting = 0, sumDepth = 0, irreducible = 0, bodyBlocks = 0;
    for (const loop of this.lsg.loops) {
      if (loop.depthLevel > maxDepth) maxDepth = loop.depthLevel;
      sumNesting += loop.nestingLevel;
      sumDepth += loop.depthLevel;
      if (!loop.isReducible) irreducible++;
      bodyBlocks += loop.basicBlocks.size;
    }
    return this.cfg.getNumNodes() + "/" + this.cfg.getNumEdges() + "/" + numLoops + "/" + maxDepth + "/" +
      this.lsg.root.nestingLevel + "/" + sumNesting + "/" + sumDepth + "/" + irreducible + "/" + bodyBlocks;
  }
}

// The result is nodes/edges/loops (incl. the root)/max depth/root nesting level/sum of nesting
// levels/sum of depths/irreducible loops/blocks directly in loop bodies. The first three follow
// from the construction: the initial CFG has 11 blocks and 16 edges; each tree adds 1 block and
// 2 edges, each outer loop 2 blocks and 3 edges, each base loop 10 blocks and 15 edges and 3
// loops; the outer loops add 1 loop each; the initial base loop, whose blocks the first tree
// reuses, leaves 1 loop of its own, plus the root: 5213/7836/1602 for 10/10/5 (the figures of
// the published benchmark, whose count 1605 for one dummy pass adds that pass's 3 loops).
const EXPECTED_NODES = 3 + PAR_LOOPS * (1 + PPAR_LOOPS * (2 + 10 * PPPAR_LOOPS));
const EXPECTED_EDGES = 16 + PAR_LOOPS * (2 + PPAR_LOOPS * (3 + 15 * PPPAR_LOOPS));
const EXPECTED_LOOPS = 2 + PAR_LOOPS * PPAR_LOOPS * (1 + 3 * PPPAR_LOOPS);
const EXPECTED = EXPECTED_NODES + "/" + EXPECTED_EDGES + "/" + EXPECTED_LOOPS + "/5/5/711/7297/2/5213";

module.exports = {
  name: "Havlak",
  run() {
    return new LoopTesterApp().main(NUM_DUMMY_LOOPS, FIND_LOOP_ITERATIONS, PAR_LOOPS, PPAR_LOOPS, PPPAR_LOOPS);
  },
  verify(r) { return r === EXPECTED; },
};
