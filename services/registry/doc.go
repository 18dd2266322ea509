// Package registry lists what the MAST client, the simulator and the UI must agree on,
// once: today the missions of the Search API. It imports nothing of the project, so
// services/sim reads it without depending on the client.
package registry
