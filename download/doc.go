// Package download is the download engine: a persistent queue of MAST products fetched by
// N workers with a per-host cap, resumable through "<name>.part" files and HTTP Range,
// verified (size, or the file's own end when the server gives none; FITS structure; no
// error pages) before an atomic rename, retried with backoff, rate-limited, and journaled
// so a crash or a dropped session loses nothing. Workers hand finished files to one
// committer, which syncs them, renames them and journals them in batches, off the
// workers' path.
//
// A Manager owns the queue. Views and the CLI Add items, read Events (lossy progress,
// lossless state changes), and call Pause/Resume/Cancel/Retry. Exports (curl script,
// aria2c input, URL list, MAST's bundle.sh) and manifests (CSV, ECSV) are plain functions.
//
// The package never imports ui/ and keeps no package-level mutable state: every Manager
// is independent, so many SSH sessions can share one process.
package download
