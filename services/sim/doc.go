// Package sim is a MAST simulator: one HTTP origin that answers the way
// mast.stsci.edu (and the SANTA resolver) answer astroquery, over a deterministic
// synthetic CAOM archive. The unmodified astroquery client works against it.
//
// Endpoints (paths relative to the base URL Start returns):
//
//	POST|GET /api/v0/invoke                       request=<percent-encoded MashupRequest JSON>
//	    Mast.Caom.Cone, Mast.Caom.Filtered, Mast.Caom.Filtered.Position (columns "*", a list
//	    or COUNT_BIG(*); filters; paging; EXECUTING polls), Mast.Caom.Products,
//	    Mast.Caom.All (extjs facets), Mast.Name.Lookup. Service names and paramNames are
//	    case-insensitive; errors are HTTP 200 {"status": "ERROR", "msg": ...}.
//	POST     /portal/Mashup/Mashup.asmx/columnsconfig   colConfigId=<service>
//	GET|HEAD /api/v0.1/Download/file?uri=<mast URI>      Range, 206/416, 404, 401 for exclusive data
//	POST     /api/v0.1/Download/bundle.sh                 uri=<mast URI> repeated: a curl script
//	GET      /Santa-war/query?name=..&resolveAll=..&resolver=..
//	GET      /whoami                                      mast_token cookie or Bearer token: the demo user,
//	    anonymous, or 401 for ExpiredToken; ExpiringToken's answer adds expires_at
//	POST     /tesscut/api/v0.1/sector, moving_target/sector   sectors of a position or body
//	GET|POST /tesscut/api/v0.1/astrocut, moving_target/astrocut   zip of target pixel files
//	POST     /zcut/api/v0.1/survey; GET|POST /zcut/api/v0.1/astrocut   deep-field cutouts
//	GET|POST /hapcut/api/v0.1/astrocut                   Hubble Advanced Products cutouts
//
// The archive (Options.Seed, default 1) has about 28,000 observations over HST, JWST,
// TESS, Kepler, K2, GALEX, IUE, SWIFT, FUSE, HLA, PS1, HLSP, SPITZER_SHA and a few small
// collections, clustered around the objects of the astroquery documentation (M101, M8,
// M10, NGC 6121, M15, ...) at their real coordinates. Product lists and file bytes are
// computed on demand from the obsid and URI; .fits products are valid FITS files.
// DemoToken unlocks EXCLUSIVE_ACCESS files; Faults injects misbehaviour for client tests.
//
// Every Server is independent: the package keeps no mutable state.
//
// Layout: package archive builds the data; each protocol is a package with a Service
// that registers its endpoints (portal, searchapi, downloads, resolver, auth, cutouts) over a
// shared internal/simhttp.Env (archive, log, faults); Server wires them behind one
// origin. A new protocol (catalogs, cloud) is one more such package and one
// Register line in New.
package sim
