// Package download will hold the download engine: parallel, resumable, journaled,
// verified transfers of MAST products (see the project issues). It never imports ui/.
package download
