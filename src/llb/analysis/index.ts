// Graph analysis (levels, parallelism, critical path, ancestry, stage grouping, search): re-exported
// by src/llb/index.ts. Pure: no DOM.
export { ancestorsOf, consumersOf, descendantsOf, lineageOf } from "./ancestry";
export { analyzeParallelism, type Parallelism } from "./parallelism";
export { dockerfileStages, groupStages, stageFromCustomName, type StageGrouping, type StageInfo } from "./stages";
export { OP_CLASSES, opClass, searchOps, type OpClass, type SearchField, type SearchHit, type SearchOptions } from "./search";
