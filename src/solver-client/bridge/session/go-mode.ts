// POSIX st_mode → Go os.FileMode, the mode encoding fsutil's Stat carries on the wire.

export const GoMode = {
  Dir: 0x80000000,
  Symlink: 1 << 27,
  Device: 1 << 26,
  NamedPipe: 1 << 25,
  Socket: 1 << 24,
  Setuid: 1 << 23,
  Setgid: 1 << 22,
  CharDevice: 1 << 21,
  Sticky: 1 << 20,
  Perm: 0o777,
} as const;

/** Every type bit (Go's os.ModeType). A file with none of them is a regular file. */
export const GO_MODE_TYPE = (GoMode.Dir | GoMode.Symlink | GoMode.NamedPipe | GoMode.Socket | GoMode.Device | GoMode.CharDevice) >>> 0;

const S_IFMT = 0o170000;
const S_IFSOCK = 0o140000;
const S_IFLNK = 0o120000;
const S_IFBLK = 0o060000;
const S_IFDIR = 0o040000;
const S_IFCHR = 0o020000;
const S_IFIFO = 0o010000;

/** Go's os.FileMode for a POSIX mode (as syscall.Stat_t → fs.FileMode on Linux). */
export function goFileMode(posix: number): number {
  let m = posix & GoMode.Perm;
  switch (posix & S_IFMT) {
    case S_IFDIR:
      m |= GoMode.Dir;
      break;
    case S_IFLNK:
      m |= GoMode.Symlink;
      break;
    case S_IFBLK:
      m |= GoMode.Device;
      break;
    case S_IFCHR:
      m |= GoMode.Device | GoMode.CharDevice;
      break;
    case S_IFIFO:
      m |= GoMode.NamedPipe;
      break;
    case S_IFSOCK:
      m |= GoMode.Socket;
      break;
  }
  if (posix & 0o4000) m |= GoMode.Setuid;
  if (posix & 0o2000) m |= GoMode.Setgid;
  if (posix & 0o1000) m |= GoMode.Sticky;
  return m >>> 0;
}

/** Only regular files have content the receiver can request (fsutil's fileCanRequestData). */
export function isRequestable(goMode: number): boolean {
  return ((goMode >>> 0) & GO_MODE_TYPE) === 0;
}

export function isGoDir(goMode: number): boolean {
  return ((goMode >>> 0) & GoMode.Dir) !== 0;
}
