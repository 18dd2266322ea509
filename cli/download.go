package cli

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"mastui/download"
	"mastui/model"
	"mastui/model/config"
	"mastui/services/mast"
	"mastui/services/masthttp"
)

// downloadCommand is `mastui download`: product lists → filters → de-duplication →
// the download engine (or an export), like astroquery's download_products.
func (e *cliEnv) downloadCommand() *cobra.Command {
	var o downloadOptions
	cmd := &cobra.Command{
		Use:   "download OBSID...",
		Short: "download products (resumable, verified, journaled)",
		Long:  "A token for exclusive data comes from $MAST_API_TOKEN, else the one `mastui login` stored.\n\n" + filterNotes,
		Example: "  mastui download 2003544716 --filter productType=SCIENCE --filter extension=fits --dir data --workers 8\n" +
			"  mastui download --resume          # finish what an interrupted run left, retry what failed\n" +
			"  mastui download --clear-failed    # forget the failed downloads of the queue",
		RunE: func(_ *cobra.Command, ids []string) error { return e.runDownload(ids, o) },
	}
	fs := cmd.Flags()
	filterFlag(fs, &o.filters)
	fs.Bool("unique", true, "download each file once (always on, as in astroquery)")
	downloadDirFlags(fs, &o.dir, &o.flat, ".", "download directory `D`")
	transferFlags(fs, &o.transfer)
	fs.BoolVar(&o.force, "force", false, "download TESS full-frame images too (thousands of large files: mastui tesscut cutout cuts out a target's pixels)")
	fs.BoolVar(&o.resume, "resume", false, "finish the unfinished downloads of the journal and retry the failed ones")
	fs.BoolVar(&o.clearFailed, "clear-failed", false, "forget the failed downloads of the journal (and their .part files)")
	fs.StringVar(&o.curl, "curl", "", "write a curl script (with resume and retries) to `FILE` instead of downloading")
	fs.StringVar(&o.mastCurl, "mast-curl", "", "write MAST's own curl script (bundle.sh) to `FILE` instead of downloading")
	fs.StringVar(&o.aria, "aria2", "", "write an aria2c input `FILE` instead of downloading")
	fs.StringVar(&o.urls, "urls", "", "write the list of URLs to `FILE` instead of downloading")
	fs.BoolVar(&o.cloud, "cloud", false, "fetch each file from MAST's public cloud bucket when it has a copy there (plain HTTPS, no AWS account), else or when the bucket fails from MAST")
	return cmd
}

// downloadOptions are the flags of `mastui download`.
type downloadOptions struct {
	filters                    model.Filters
	dir                        string
	flat, resume, clearFailed  bool
	force, cloud               bool
	transfer                   transferOptions
	curl, mastCurl, aria, urls string
}

// transferOptions are the flags every downloading command shares.
type transferOptions struct {
	workers int
	limit   string
	fsync   bool
	flags   *pflag.FlagSet // tells which were given (the others come from the settings)
}

// transferFlags declares --workers and --limit-rate on a downloading command.
func transferFlags(fs *pflag.FlagSet, o *transferOptions) {
	o.flags = fs
	fs.IntVar(&o.workers, "workers", 4, fmt.Sprintf("`N` parallel transfers (1 to %d)", download.MaxWorkers))
	fs.StringVar(&o.limit, "limit-rate", "", "bandwidth cap `RATE` in bytes per second, e.g. 5M")
	fs.BoolVar(&o.fsync, "fsync", false, "sync each file to disk before it is put in place, so a power cut cannot undo a finished download (slower on fast links; config durable_downloads)")
}

// check validates the flags, applies --fsync to the session's settings and returns the
// bandwidth cap in bytes per second (0: none). --workers and --limit-rate not given
// come from the settings (workers, limit_rate); a settings file with errors is left to
// setup to report.
func (o *transferOptions) check(e *cliEnv) (int64, error) {
	e.cfg.DurableDownloads = e.cfg.DurableDownloads || o.fsync
	var fromConfig int64
	if o.flags != nil && !(o.flags.Changed("workers") && o.flags.Changed("limit-rate")) {
		if cfg, err := config.Load(e.configFile()); err == nil {
			if !o.flags.Changed("workers") {
				o.workers = cfg.Workers
			}
			if !o.flags.Changed("limit-rate") {
				fromConfig = int64(cfg.LimitRate)
			}
		}
	}
	if o.workers < 1 || o.workers > download.MaxWorkers {
		return 0, usagef("--workers: give 1 to %d parallel transfers, not %d (MAST asks clients not to open many connections)", download.MaxWorkers, o.workers)
	}
	rate, err := parseRate(o.limit)
	if err != nil {
		return 0, usagef("--limit-rate: %v", err)
	}
	if rate == 0 {
		rate = fromConfig
	}
	return rate, nil
}

func (e *cliEnv) runDownload(ids []string, o downloadOptions) error {
	rate, err := o.transfer.check(e)
	if err != nil {
		return err
	}
	switch {
	case o.resume && o.clearFailed:
		return usagef("download: --resume and --clear-failed do not go together")
	case (o.resume || o.clearFailed) && len(ids) > 0:
		return usagef("download --resume and --clear-failed take no obsids")
	case !o.resume && !o.clearFailed && len(ids) == 0:
		return usagef("download: give obsids (e.g. mastui download 2003738726 --filter productType=SCIENCE) or --resume")
	}
	if err := e.setup(); err != nil {
		return err
	}
	defer e.close()
	switch {
	case o.resume:
		return e.resumeQueue(o.transfer.workers, rate)
	case o.clearFailed:
		return e.clearFailed()
	}
	if o.cloud && o.curl+o.mastCurl+o.aria+o.urls != "" {
		return usagef("download: --cloud fetches files; it does not go with --curl, --mast-curl, --aria2 or --urls")
	}
	items, err := e.productItems(ids, o.filters, o.dir, o.flat, o.force)
	if err != nil {
		return err
	}
	if o.cloud {
		if err := e.withCloudCopies(items); err != nil {
			return err
		}
	}
	export := func(path string, write func(*os.File) error) error {
		f, err := os.Create(path)
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		if err := write(f); err != nil {
			f.Close()
			return fmt.Errorf("export %s: %w", path, err)
		}
		if err := f.Close(); err != nil {
			return fmt.Errorf("export %s: %w", path, err)
		}
		fmt.Fprintf(e.stderr, "%d files written to %s\n", len(items), path)
		return nil
	}
	opt := download.ExportOptions{Dir: o.dir}
	switch {
	case o.curl != "":
		return export(o.curl, func(f *os.File) error { return download.WriteCurlScript(f, items, opt) })
	case o.aria != "":
		return export(o.aria, func(f *os.File) error { return download.WriteAria2Input(f, items, opt) })
	case o.urls != "":
		return export(o.urls, func(f *os.File) error { return download.WriteURLList(f, items) })
	case o.mastCurl != "":
		uris := make([]string, len(items))
		for i, it := range items {
			uris[i] = it.URI
		}
		return export(o.mastCurl, func(f *os.File) error {
			return download.FetchBundleScript(e.ctx, nil, e.cfg.MastURL, e.token(), uris, f)
		})
	}
	return e.runQueue(items, o.transfer.workers, rate, o.dir)
}

// downloadFileCommand is `mastui download-file URI [--out PATH] [--mission M]`
// (astroquery's download_file): one product by its dataURI, or by a Search API product
// name (or mast: URI) of a mission.
func (e *cliEnv) downloadFileCommand() *cobra.Command {
	var out, mission string
	cmd := &cobra.Command{
		Use:     "download-file URI",
		Short:   "one product by its mast: URI",
		Example: "  mastui download-file mast:HST/product/jbv801080_asn.fits --out data/",
		RunE: func(_ *cobra.Command, pos []string) error {
			if len(pos) != 1 {
				return usagef("download-file: give one MAST URI, e.g. mast:HST/product/u9o40504m_c3m.fits")
			}
			if err := e.setup(); err != nil {
				return err
			}
			defer e.close()
			return e.downloadOne(mission, pos[0], out)
		},
	}
	outFlag(cmd.Flags(), &out)
	cmd.Flags().StringVar(&mission, "mission", "", "a Search API mission `M` (hst, jwst, …): URI is its product name, e.g. JBTAA0010/jbtaa0010_asn.fits")
	return cmd
}

// downloadOne fetches one product to out (a file name, or a directory when it exists or
// has no extension; "" is ./<file name>): a CAOM dataURI, or a mission's product.
func (e *cliEnv) downloadOne(mission, uri, out string) error {
	url := download.FileURL(e.cfg.MastURL, uri)
	if mission != "" {
		var err error
		if url, err = masthttp.MissionDownloadURL(download.StripCredentials(e.cfg.MastURL), mission, uri); err != nil {
			return usagef("download-file: %v", err)
		}
	}
	name := download.SanitizeName(filepath.Base(uri))
	if name == "" {
		return usagef("download-file: no file name in %q", uri)
	}
	dest := name
	if out != "" {
		dest = out
		if st, err := os.Stat(dest); (err == nil && st.IsDir()) || filepath.Ext(dest) == "" {
			dest = filepath.Join(dest, name)
		}
	}
	it := download.Item{URL: url, Dest: dest, URI: uri, Filename: name}
	return e.runQueueWith([]download.Item{it}, 1, 0, filepath.Dir(dest), true)
}

// productItems lists the products of obsids, filters and de-duplicates them, and places
// each file.
// A selection with TESS full-frame images is refused unless force (astroquery's guard).
func (e *cliEnv) productItems(ids []string, filters model.Filters, dir string, flat, force bool) ([]download.Item, error) {
	var obsids []string
	for _, p := range ids {
		for _, id := range strings.Split(p, ",") {
			if id = strings.TrimSpace(id); id != "" {
				obsids = append(obsids, id)
			}
		}
	}
	t, err := e.client().Products(e.ctx, obsids, mast.ProductOptions{})
	if err != nil {
		return nil, err
	}
	total := t.Rows()
	if total == 0 {
		return nil, fmt.Errorf("no products found for obsid %s (obsid is the numeric product group id, not obs_id)", strings.Join(obsids, ","))
	}
	if len(filters) > 0 {
		if t, err = filters.Apply(t, model.FilterOptions{}); err != nil {
			return nil, usagef("--filter: %v", err)
		}
	}
	kept := t.Rows()
	t, dups := mast.UniqueProducts(t)
	fmt.Fprintf(e.stderr, "%d products, %d after filters, %d unique\n", total, kept, kept-dups)
	if t.Rows() == 0 {
		return nil, fmt.Errorf("no products to download after applying filters")
	}
	refs := model.ProductRefs(t, allRows(t.Rows()))
	if n, size := download.TESSFullFrameImages(refs); n > 0 {
		what := fmt.Sprintf("%d TESS full-frame %s (%s)", n, plural(n, "image", "images"), model.FormatBytes(size))
		if !force {
			return nil, fmt.Errorf("the selection holds %s: for the pixels around a target, use mastui tesscut cutout --coordinates \"RA DEC\" (or --object NAME); add --force to download the full frames anyway", what)
		}
		fmt.Fprintf(e.stderr, "warning: downloading %s (--force)\n", what)
	}
	return download.ProductItems(e.cfg.MastURL, dir, flat, refs)
}

func (e *cliEnv) runQueue(items []download.Item, workers int, rate int64, dir string) error {
	return e.runQueueWith(items, workers, rate, dir, false)
}

// noticeLine tells the user something on stderr, sanitized.
func (e *cliEnv) noticeLine(msg string) { fmt.Fprintln(e.stderr, "mastui:", model.OneLine(msg)) }

// runQueueWith feeds items to a journaled engine (ephemeral for single files), shows
// progress on a terminal, waits, and writes the manifest in dir.
func (e *cliEnv) runQueueWith(items []download.Item, workers int, rate int64, dir string, ephemeral bool) error {
	st, err := e.fetchItems(items, workers, rate, ephemeral)
	if err != nil {
		return err
	}
	if ephemeral && len(st) == 1 { // download-file: no manifest, just the outcome
		return e.reportOne(st[0])
	}
	return e.report(map[string][]download.Status{dir: st})
}

// fetchItems runs items through the queue and returns their statuses once finished.
// What earlier runs finished of them is forgotten first, so they are checked against the
// disk again (skipped without a request when complete, fetched when the file is gone);
// the rest of the queue (another program's) is left alone.
func (e *cliEnv) fetchItems(items []download.Item, workers int, rate int64, ephemeral bool) ([]download.Status, error) {
	q, err := e.openDownloads(queueOptions{workers: workers, rate: rate, ephemeral: ephemeral}, e.noticeLine)
	if err != nil {
		return nil, err
	}
	defer q.Close()
	want := map[string]bool{}
	ids := make([]string, 0, len(items))
	for _, it := range items {
		id := download.ItemID(it.URL, absPath(it.Dest))
		want[id] = true
		ids = append(ids, id)
	}
	if err := q.ClearFinishedOf(ids...); err != nil {
		return nil, err
	}
	if _, err := q.AddAll(items...); err != nil {
		return nil, err
	}
	return e.waitFor(q, want)
}

// resumeQueue is `download --resume`: the unfinished downloads of the journal, and the
// failed ones again (their cause, a full disk or a missing token, may be gone). Each
// group of files gets its manifest in its own download directory.
func (e *cliEnv) resumeQueue(workers int, rate int64) error {
	q, err := e.openDownloads(queueOptions{workers: workers, rate: rate}, e.noticeLine)
	if err != nil {
		return err
	}
	defer q.Close()
	if err := q.RetryFailed(); err != nil {
		return err
	}
	if tok := e.token(); tok != "" { // a login since: the held items go again
		if err := q.SetToken(tok); err != nil {
			return err
		}
	}
	snap, err := snapshot(q)
	if err != nil {
		return err
	}
	want := map[string]bool{}
	for _, s := range snap {
		if !settled(s) {
			want[s.ID] = true
		}
	}
	if len(want) == 0 {
		fmt.Fprintln(e.stderr, "nothing to resume: the journal holds no unfinished or failed download")
		return nil
	}
	st, err := e.waitFor(q, want)
	if err != nil {
		return err
	}
	return e.report(byDownloadDir(st))
}

// clearFailed is `download --clear-failed`.
func (e *cliEnv) clearFailed() error {
	q, err := e.openDownloads(queueOptions{workers: 1}, e.noticeLine)
	if err != nil {
		return err
	}
	defer q.Close()
	snap, err := snapshot(q)
	if err != nil {
		return err
	}
	tot := download.TotalsOf(snap)
	n := tot.Failed + tot.LoginRequired
	if err := q.ClearFailed(); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "%d failed %s cleared from the queue\n", n, plural(n, "download", "downloads"))
	return nil
}

// loginHint is what to do about login-required downloads.
const loginHint = "login required: run mastui login, then mastui download --resume"

// reportOne tells how a single file went (download-file).
func (e *cliEnv) reportOne(s download.Status) error {
	switch s.State {
	case download.Failed:
		return fmt.Errorf("%s: %s", s.URI, s.Err)
	case download.LoginRequired:
		return fmt.Errorf("%s: %s: %s", s.URI, s.Err, loginHint)
	case download.Unverified:
		fmt.Fprintf(e.stderr, "saved %s, but it may be incomplete: %s\n", s.Dest, model.OneLine(s.Err))
		return fmt.Errorf("%s: not verified complete", s.Dest)
	case download.Skipped:
		fmt.Fprintf(e.stderr, "already on disk: %s\n", s.Dest)
	default:
		fmt.Fprintf(e.stderr, "saved %s\n", s.Dest)
	}
	return nil
}

// report writes a manifest per download directory and sums up; failed or unverified
// files make it an error.
func (e *cliEnv) report(groups map[string][]download.Status) error {
	dirs := make([]string, 0, len(groups))
	for d := range groups {
		dirs = append(dirs, d)
	}
	sort.Strings(dirs)
	var paths []string
	var tot download.Totals
	for _, d := range dirs {
		st := groups[d]
		path, err := writeManifests(d, st)
		if err != nil {
			return err
		}
		paths = append(paths, path)
		for _, s := range st {
			files := 1
			if s.State == download.Done || s.State == download.Skipped {
				files = max(len(s.Files), 1) // a cutout's zip counts as the files it held
			}
			tot.Items += files
			switch s.State {
			case download.Done:
				tot.Done += files
			case download.Skipped:
				tot.Skipped += files
			case download.Unverified:
				tot.Unverified++
				fmt.Fprintf(e.stderr, "unverified: %s: %s\n", model.SanitizeText(s.Filename), model.OneLine(s.Err))
			case download.Failed:
				tot.Failed++
				fmt.Fprintf(e.stderr, "failed: %s: %s\n", model.SanitizeText(s.Filename), model.OneLine(s.Err))
			case download.LoginRequired:
				tot.LoginRequired++
				fmt.Fprintf(e.stderr, "login required: %s: %s\n", model.SanitizeText(s.Filename),
					strings.TrimPrefix(model.OneLine(s.Err), "login required: "))
			}
		}
	}
	manifests := strings.Join(paths, ", ")
	unverified := ""
	if tot.Unverified > 0 {
		unverified = fmt.Sprintf("%d unverified (saved, possibly incomplete), ", tot.Unverified)
	}
	if tot.LoginRequired > 0 {
		unverified += fmt.Sprintf("%d need a login, ", tot.LoginRequired)
	}
	fmt.Fprintf(e.stderr, "%d downloaded, %d already on disk, %s%d failed; manifest: %s\n", tot.Done, tot.Skipped, unverified, tot.Failed, manifests)
	switch {
	case tot.LoginRequired > 0:
		return fmt.Errorf("%d of %d downloads need a login (%s)", tot.LoginRequired, tot.Items, loginHint)
	case tot.Failed > 0:
		return fmt.Errorf("%d of %d downloads failed (see %s)", tot.Failed, tot.Items, manifests)
	case tot.Unverified > 0:
		return fmt.Errorf("%d of %d downloads could not be verified complete (see %s)", tot.Unverified, tot.Items, manifests)
	}
	return nil
}

// byDownloadDir groups statuses by the download directory they were queued into (older
// journals lack it: the directory holding mastDownload/, else the file's own).
func byDownloadDir(st []download.Status) map[string][]download.Status {
	out := map[string][]download.Status{}
	for _, s := range st {
		root := s.Root
		if root == "" {
			root = filepath.Dir(s.Dest)
			sep := string(filepath.Separator)
			if i := strings.LastIndex(s.Dest, sep+"mastDownload"+sep); i > 0 {
				root = s.Dest[:i]
			}
		}
		out[root] = append(out[root], s)
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func absPath(p string) string {
	if a, err := filepath.Abs(p); err == nil {
		return a
	}
	return p
}

// writeManifests writes astroquery's manifest as CSV and ECSV next to the downloads.
func writeManifests(dir string, st []download.Status) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("manifest: %w", err)
	}
	base := filepath.Join(dir, "mastDownload_manifest_"+time.Now().UTC().Format("20060102150405"))
	for i := 2; ; i++ { // two runs in the same second must not overwrite each other
		if _, err := os.Stat(base + ".csv"); os.IsNotExist(err) {
			break
		}
		base = strings.TrimSuffix(base, "_"+strconv.Itoa(i-1)) + "_" + strconv.Itoa(i)
	}
	for _, w := range []struct {
		ext   string
		write func(*os.File) error
	}{
		{".csv", func(f *os.File) error { return download.WriteManifestCSV(f, st) }},
		{".ecsv", func(f *os.File) error { return download.WriteManifestECSV(f, st) }},
	} {
		f, err := os.Create(base + w.ext)
		if err != nil {
			return "", fmt.Errorf("manifest: %w", err)
		}
		err = w.write(f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return "", fmt.Errorf("manifest: %w", err)
		}
	}
	return base + ".csv", nil
}

// parseRate reads a bandwidth like "5M", "500k", "1.5MB" (bytes per second, powers of
// 1000). "" is no cap; anything below 1 byte per second is refused (it would mean none).
func parseRate(s string) (int64, error) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSuffix(strings.ToUpper(s), "/S"), "B"))
	if s == "" {
		return 0, nil
	}
	mult := 1.0
	switch s[len(s)-1] {
	case 'K':
		mult = 1e3
	case 'M':
		mult = 1e6
	case 'G':
		mult = 1e9
	}
	if mult != 1 {
		s = s[:len(s)-1]
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || v <= 0 {
		return 0, fmt.Errorf("expected a rate like 5M, 500k or 2000000, got %q", s)
	}
	switch bps := v * mult; {
	case bps < 1:
		return 0, fmt.Errorf("%s bytes per second is below 1 byte per second", strconv.FormatFloat(bps, 'g', -1, 64))
	case bps > 1e15:
		return 0, fmt.Errorf("%s bytes per second is more than any link carries; leave --limit-rate out for no cap", strconv.FormatFloat(bps, 'g', -1, 64))
	default:
		return int64(bps), nil
	}
}
