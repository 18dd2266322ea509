// Package masthttp holds the small HTTP conventions of MAST that both the client
// (services/mast) and the download engine (download/) follow: astroquery's URL quoting,
// the download URL of a Search API product and the reading of Retry-After. It is a leaf,
// so the download engine does not depend on the client.
package masthttp

// DefaultBaseURL is real MAST; every Portal, download and whoami URL derives from it.
const DefaultBaseURL = "https://mast.stsci.edu"
