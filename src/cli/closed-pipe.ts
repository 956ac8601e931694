// `llbx dump big.llb | head`: the reader goes away and writes fail with EPIPE. llbx then stops
// quietly with the status buildctl has there (killed by SIGPIPE: 128 + 13), which Node, ignoring
// SIGPIPE, would not get by itself.

export const CLOSED_PIPE_STATUS = 141;

/** Whether a write failed because the reader of standard output has gone. */
export function isClosedPipe(e: unknown): boolean {
  return (e as NodeJS.ErrnoException | undefined)?.code === "EPIPE";
}
