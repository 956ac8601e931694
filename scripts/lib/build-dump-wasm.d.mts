// Types of build-dump-wasm.mjs, for the tests that compile the printer.
export declare const printerSource: string;
export declare function buildDumpWasm(): Promise<Uint8Array<ArrayBuffer>>;
