// LLB capabilities (solver/pb/caps.go). The compiler decides fallbacks from the daemon's set; by
// default it targets a current daemon that has all of them.
export const allLlbCaps: ReadonlySet<string> = new Set([
  "source.image", "source.image.resolvemode", "source.image.layerlimit", "source.image.checksum", "source.image.blob",
  "source.local", "source.local.unique", "source.local.sessionid", "source.local.includepatterns", "source.local.followpaths",
  "source.local.excludepatterns", "source.local.sharedkeyhint", "source.local.differ", "source.metadatatransfer",
  "source.git", "source.git.keepgitdir", "source.git.fullurl", "source.git.httpauth", "source.git.knownsshhosts",
  "source.git.mountsshsock", "source.git.subdir", "source.git.checksum", "source.git.skipsubmodules", "source.git.signatureverify",
  "source.http", "source.http.checksum", "source.http.perm", "source.http.uidgid", "source.http.auth", "source.http.header", "source.http.signatureverify",
  "source.oci", "build.opMetadata",
  "exec.meta.base", "exec.meta.cdi", "exec.meta.cgroup.parent", "exec.meta.network", "exec.meta.proxyenv", "exec.meta.security",
  "exec.meta.security.device", "exec.meta.setsdefaultpath", "exec.meta.ulimit", "exec.meta.removemountstubs.recursive",
  "exec.meta.linuxresources", "exec.mount.bind", "exec.mount.bind.readwrite-nooutput", "exec.mount.cache", "exec.mount.cache.sharing",
  "exec.mount.selector", "exec.mount.tmpfs", "exec.mount.tmpfs.size", "exec.mount.secret", "exec.mount.ssh", "exec.mount.contentcache",
  "exec.cgroup", "exec.secretenv", "exec.validexitcode",
  "file.base", "file.rm.nofollowsymlink", "file.copy.includeexcludepatterns", "file.copy.requiredpaths",
  "file.copy.alwaysreplaceexistingdestpaths", "file.copy.modestring", "file.symlink.create", "file.chown.opts",
  "constraints", "platform", "meta.ignorecache", "meta.description", "meta.exportcache",
  "remotecache.gha", "remotecache.s3", "remotecache.azblob",
  "mergeop", "diffop", "passthroughop", "annotations", "attestations", "sourcepolicy", "sourcepolicy.session",
]);
