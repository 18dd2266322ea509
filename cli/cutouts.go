package cli

import (
	"errors"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"mastui/download"
	"mastui/model"
	"mastui/services/cutouts"
	"mastui/services/mast"
)

// The cutout services (protocol 8): `mastui tesscut`, `mastui zcut` and `mastui hapcut`.
// Lists (sectors, surveys) print as tables; cutouts are zips fetched by the download
// engine (journaled, resumable, TESScut's limit kept), unpacked into --dir with the
// names MAST gives the files, and a manifest printed, as astroquery's download_cutouts.

// targetFlags name a cutout's target: a position, an object name or a moving target.
type targetFlags struct {
	coords, object, resolver, moving, mtType string
}

// declare adds --coordinates and, unless coordsOnly, --object, --resolver,
// --moving-target and --mt-type.
func (f *targetFlags) declare(fs *pflag.FlagSet, coordsOnly bool) {
	fs.StringVar(&f.coords, "coordinates", "", "target position `\"RA DEC\"` (degrees or sexagesimal)")
	if coordsOnly {
		return
	}
	fs.StringVar(&f.object, "object", "", "target object `NAME`, resolved to a position (e.g. \"TIC 32449963\")")
	resolverFlag(fs, &f.resolver)
	fs.StringVar(&f.moving, "moving-target", "", "a solar-system body `NAME` or JPL Horizons id (e.g. Ceres)")
	fs.StringVar(&f.mtType, "mt-type", "", "moving-target type `T`: majorbody or smallbody (default: MAST tries both)")
}

// target checks the flags and makes the client's target; what names the command.
func (f *targetFlags) target(what string) (mast.CutoutTarget, error) {
	n := 0
	for _, v := range []string{f.coords, f.object, f.moving} {
		if strings.TrimSpace(v) != "" {
			n++
		}
	}
	if n != 1 {
		return mast.CutoutTarget{}, usagef("%s: give exactly one target: --coordinates \"RA DEC\", --object NAME or --moving-target NAME", what)
	}
	if f.mtType != "" && f.moving == "" {
		return mast.CutoutTarget{}, usagef("%s: --mt-type goes with --moving-target", what)
	}
	if err := cutouts.CheckMovingType(f.mtType); err != nil {
		return mast.CutoutTarget{}, usagef("--mt-type: %v", err)
	}
	t := mast.CutoutTarget{Object: strings.TrimSpace(f.object), Resolver: f.resolver, MovingTarget: strings.TrimSpace(f.moving), MovingType: f.mtType}
	if f.coords != "" {
		p, err := mast.ParseCoordinates(f.coords)
		if err != nil {
			return mast.CutoutTarget{}, usagef("--coordinates: %v", err)
		}
		t.Position = &p
	}
	return t, nil
}

// position is the target of a service that takes coordinates only (Zcut, HAPCut).
func (f *targetFlags) position(what string) (mast.Position, error) {
	if strings.TrimSpace(f.coords) == "" {
		return mast.Position{}, usagef(`%s: give the position with --coordinates "RA DEC"`, what)
	}
	p, err := mast.ParseCoordinates(f.coords)
	if err != nil {
		return mast.Position{}, usagef("--coordinates: %v", err)
	}
	return p, nil
}

// cutoutFlags are the flags of every cutout command: size, where, and the transfer.
type cutoutFlags struct {
	size     string
	dir      string
	keepZip  bool
	transfer transferOptions
}

func (o *cutoutFlags) declare(fs *pflag.FlagSet) {
	fs.StringVar(&o.size, "size", "", "cutout size `S`: pixels (5, 5x7) or an angle (\"3 arcmin\", \"[5, 7] arcmin\" as astroquery: ny, nx); default 5 px")
	fs.StringVar(&o.dir, "dir", ".", "directory `D` the cutout files are written to")
	fs.BoolVar(&o.keepZip, "keep-zip", false, "keep the service's zip next to the files")
	transferFlags(fs, &o.transfer)
}

// parseSize reads --size ("" is the services' default, 5 × 5 pixels).
func (o *cutoutFlags) parseSize() (cutouts.Size, error) {
	if o.size == "" {
		return cutouts.Size{}, nil
	}
	s, err := cutouts.ParseSize(o.size)
	if err != nil {
		return cutouts.Size{}, usagef("--size: %v", err)
	}
	return s, nil
}

// noData turns a service's "no data" answer into a warning on stderr (astroquery's
// NoResultsWarning) and reports it; any other error is returned as it is.
func (e *cliEnv) noData(err error) (bool, error) {
	var nd *cutouts.NoDataError
	if !errors.As(err, &nd) {
		return false, err
	}
	fmt.Fprintf(e.stderr, "warning: %s\n", model.OneLine(nd.Error()))
	return true, nil
}

func (e *cliEnv) tesscutCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:         "tesscut",
		Short:       "TESScut: the TESS sectors of a target, and cutouts of the full-frame images (target pixel files)",
		Annotations: map[string]string{"word": "subcommand"},
		RunE:        subcommandRequired,
	}
	cmd.AddCommand(e.tesscutSectorsCommand(), e.tesscutCutoutCommand())
	return cmd
}

// tesscutSectorsCommand is `mastui tesscut sectors`: astroquery's Tesscut.get_sectors.
func (e *cliEnv) tesscutSectorsCommand() *cobra.Command {
	var tf targetFlags
	var radius string
	cmd := &cobra.Command{
		Use:         "sectors",
		Short:       "the sectors (camera, CCD) in which TESS saw a position, an object or a moving target",
		Annotations: map[string]string{oneShotKey: "yes"},
		Example: `  mastui tesscut sectors --coordinates "324.24368 -27.01029"
  mastui tesscut sectors --object "TIC 32449963"
  mastui tesscut sectors --moving-target Ceres --mt-type smallbody`,
		RunE: func(c *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef("tesscut sectors takes no arguments: name the target with --coordinates, --object or --moving-target")
			}
			if err := requireValues(c, "coordinates", "object", "moving-target", "mt-type", "radius", "resolver"); err != nil {
				return err
			}
			t, err := tf.target("tesscut sectors")
			if err != nil {
				return err
			}
			rad := 0.0
			if radius != "" {
				if t.MovingTarget != "" {
					return usagef("tesscut sectors: --radius goes with --coordinates or --object, not a moving target")
				}
				if rad, err = mast.ParseRadius(radius); err != nil {
					return usagef("--radius: %v", err)
				}
			}
			if err := e.setup(); err != nil {
				return err
			}
			defer e.close()
			secs, err := e.client().TESScutSectors(e.ctx, t, rad)
			if _, err := e.noData(err); err != nil {
				return err
			}
			return e.write(sectorTable(secs), nil)
		},
	}
	tf.declare(cmd.Flags(), false)
	cmd.Flags().StringVar(&radius, "radius", "", "also sectors within `R` of the position (default 0; see Radius)")
	return cmd
}

// sectorTable is astroquery's sector table (sectorName, sector, camera, ccd, the
// server's columns) and, from the TESS mission's table, each sector's start and end
// dates (null for a sector it does not know) and the full-frame images' cadence.
func sectorTable(secs []cutouts.Sector) *model.Table {
	name := model.NewColumn("sectorName", model.KindString, len(secs))
	sector := model.NewColumn("sector", model.KindInt, len(secs))
	camera := model.NewColumn("camera", model.KindInt, len(secs))
	ccd := model.NewColumn("ccd", model.KindInt, len(secs))
	start := model.NewColumn("start", model.KindString, len(secs))
	end := model.NewColumn("end", model.KindString, len(secs))
	cadence := model.NewColumn("cadence", model.KindString, len(secs))
	for i, s := range secs {
		name.Str = append(name.Str, s.Name)
		sector.Int = append(sector.Int, int64(s.Sector))
		camera.Int = append(camera.Int, int64(s.Camera))
		ccd.Int = append(ccd.Int, int64(s.CCD))
		span, ok := cutouts.SectorDates(s.Sector)
		start.Str = append(start.Str, span.Start.Format(time.DateOnly))
		end.Str = append(end.Str, span.End.Format(time.DateOnly))
		if !ok {
			start.SetMasked(i)
			end.SetMasked(i)
		}
		cadence.Str = append(cadence.Str, cutouts.FormatCadence(cutouts.SectorCadence(s.Sector)))
	}
	return model.NewTable(name, sector, camera, ccd, start, end, cadence)
}

// tesscutCutoutCommand is `mastui tesscut cutout`: astroquery's Tesscut.download_cutouts.
func (e *cliEnv) tesscutCutoutCommand() *cobra.Command {
	var tf targetFlags
	var o cutoutFlags
	var sectors []int
	var product string
	cmd := &cobra.Command{
		Use:   "cutout",
		Short: "target pixel files cut from the TESS full-frame images: one per sector (camera, CCD), in --dir",
		Long: "The files are named as MAST names them (<sectorName>_<ra>_<dec>_<ny>x<nx>_astrocut.fits). " +
			"A moving target is cut one sector at a time. The request runs in the download queue: " +
			"resumable (mastui download --resume), and a rerun skips files already on disk.",
		Example: `  mastui tesscut cutout --coordinates "324.24368 -27.01029" --size 5 --dir tpf
  mastui tesscut cutout --object "TIC 32449963" --size "[5, 7] arcmin" --sector 10
  mastui tesscut cutout --moving-target Eleonora --mt-type smallbody --size 10`,
		RunE: func(c *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef("tesscut cutout takes no arguments: name the target with --coordinates, --object or --moving-target")
			}
			if err := requireValues(c, "coordinates", "object", "moving-target", "mt-type", "size", "dir", "resolver"); err != nil {
				return err
			}
			t, err := tf.target("tesscut cutout")
			if err != nil {
				return err
			}
			if err := cutouts.CheckProduct(product); err != nil {
				return usagef("--product: %v", err)
			}
			size, err := o.parseSize()
			if err != nil {
				return err
			}
			rate, err := o.transfer.check(e)
			if err != nil {
				return err
			}
			if err := e.setup(); err != nil {
				return err
			}
			defer e.close()
			client := e.client()
			target, resolved, err := client.ResolveCutoutTarget(e.ctx, t)
			if err != nil {
				return err
			}
			if resolved != nil {
				fmt.Fprintf(e.stderr, "%s is at %s %s\n", model.SanitizeText(t.Object), strconv.FormatFloat(resolved.RA, 'f', -1, 64), strconv.FormatFloat(resolved.Dec, 'f', -1, 64))
			}
			plan, err := client.TESScutPlan(e.ctx, cutouts.TESScutCutout{Target: target, Size: size, Sectors: sectors, Product: product}, false)
			if none, err := e.noData(err); err != nil {
				return err
			} else if none {
				return e.write(manifestTable(nil), nil)
			}
			urls := make([]string, len(plan))
			for i, p := range plan {
				if urls[i], err = cutouts.TESScutURL(e.cfg.MastURL, p); err != nil {
					return usagef("tesscut cutout: %v", err)
				}
			}
			return e.runCutouts(urls, o, rate)
		},
	}
	tf.declare(cmd.Flags(), false)
	o.declare(cmd.Flags())
	cmd.Flags().IntSliceVar(&sectors, "sector", nil, "only sector `N` (repeatable; default: every sector)")
	_ = cmd.Flags().SetAnnotation("sector", numberNounKey, []string{"sector"})
	cmd.Flags().StringVar(&product, "product", "", "`P`: SPOC, the only product (TICA cutouts are no longer served)")
	return cmd
}

func (e *cliEnv) zcutCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:         "zcut",
		Short:       "Zcut: deep-field survey cutouts (CANDELS, GOODS …) as FITS, jpg or png",
		Annotations: map[string]string{"word": "subcommand"},
		RunE:        subcommandRequired,
	}
	var tf targetFlags
	var radius string
	surveys := &cobra.Command{
		Use:         "surveys",
		Short:       "the deep-field surveys covering a position",
		Annotations: map[string]string{oneShotKey: "yes"},
		Example:     `  mastui zcut surveys --coordinates "189.49206 62.20615"`,
		RunE: func(c *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef(`zcut surveys takes no arguments: give the position with --coordinates "RA DEC"`)
			}
			if err := requireValues(c, "coordinates", "radius"); err != nil {
				return err
			}
			pos, err := tf.position("zcut surveys")
			if err != nil {
				return err
			}
			rad := 0.0
			if radius != "" {
				if rad, err = mast.ParseRadius(radius); err != nil {
					return usagef("--radius: %v", err)
				}
			}
			if err := e.setup(); err != nil {
				return err
			}
			defer e.close()
			names, err := e.client().ZcutSurveys(e.ctx, pos, rad)
			if _, err := e.noData(err); err != nil {
				return err
			}
			col := model.NewColumn("survey", model.KindString, len(names))
			col.Str = append(col.Str, names...)
			return e.write(model.NewTable(col), nil)
		},
	}
	tf.declare(surveys.Flags(), true)
	surveys.Flags().StringVar(&radius, "radius", "", "also surveys within `R` of the position (default 0; see Radius)")
	cmd.AddCommand(surveys, e.zcutCutoutCommand())
	return cmd
}

// zcutCutoutCommand is `mastui zcut cutout`: astroquery's Zcut.download_cutouts.
func (e *cliEnv) zcutCutoutCommand() *cobra.Command {
	var tf targetFlags
	var o cutoutFlags
	var survey, format, stretch, minmax string
	var invert bool
	cmd := &cobra.Command{
		Use:   "cutout",
		Short: "deep-field cutouts at a position: one FITS file per survey, or one jpg/png image per band, in --dir",
		Example: `  mastui zcut cutout --coordinates "189.49206 62.20615" --size 5 --survey candels_gn_30mas
  mastui zcut cutout --coordinates "189.49206 62.20615" --size "10 arcsec" --format-img jpg --stretch linear --minmax-percent 1,99 --invert`,
		RunE: func(c *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef(`zcut cutout takes no arguments: give the position with --coordinates "RA DEC"`)
			}
			if err := requireValues(c, "coordinates", "size", "dir", "survey", "format-img", "stretch", "minmax-percent"); err != nil {
				return err
			}
			pos, err := tf.position("zcut cutout")
			if err != nil {
				return err
			}
			size, err := o.parseSize()
			if err != nil {
				return err
			}
			req := cutouts.ZcutCutout{RA: pos.RA, Dec: pos.Dec, Size: size, Survey: survey, Format: strings.ToLower(format), Stretch: stretch, Invert: invert}
			if minmax != "" {
				if req.MinMaxPercent, err = cutouts.ParseMinMaxPercent(minmax); err != nil {
					return usagef("--minmax-percent: %v", err)
				}
			}
			if req.Format == cutouts.FormatFITS && (stretch != "" || minmax != "" || invert) {
				return usagef("zcut cutout: --stretch, --minmax-percent and --invert shape jpg and png images: add --format-img jpg or png")
			}
			rate, err := o.transfer.check(e)
			if err != nil {
				return err
			}
			if err := e.setup(); err != nil {
				return err
			}
			defer e.close()
			u, err := cutouts.ZcutURL(e.cfg.MastURL, req)
			if err != nil {
				return usagef("zcut cutout: %v", err)
			}
			return e.runCutouts([]string{u}, o, rate)
		},
	}
	tf.declare(cmd.Flags(), true)
	o.declare(cmd.Flags())
	fs := cmd.Flags()
	fs.StringVar(&survey, "survey", "", "only survey `S` (default: every survey at the position; see zcut surveys)")
	fs.StringVar(&format, "format-img", cutouts.FormatFITS, "image format `F`: fits, jpg or png")
	fs.StringVar(&stretch, "stretch", "", "jpg/png stretch `S`: asinh, sinh, sqrt, log or linear (default asinh)")
	fs.StringVar(&minmax, "minmax-percent", "", "jpg/png scale limits `LO,HI` in percentiles (default 0.5,99.5)")
	fs.BoolVar(&invert, "invert", false, "jpg/png: invert the image")
	return cmd
}

func (e *cliEnv) hapcutCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:         "hapcut",
		Short:       "HAPCut: cutouts of Hubble Advanced Products (HAP) at a position",
		Annotations: map[string]string{"word": "subcommand"},
		RunE:        subcommandRequired,
	}
	var tf targetFlags
	var o cutoutFlags
	cutout := &cobra.Command{
		Use:     "cutout",
		Short:   "cutouts of every Hubble Advanced Product covering a position, one FITS file each, in --dir",
		Example: `  mastui hapcut cutout --coordinates "210.80227 54.34895" --size "[5, 7] arcsec" --dir hap`,
		RunE: func(c *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usagef(`hapcut cutout takes no arguments: give the position with --coordinates "RA DEC"`)
			}
			if err := requireValues(c, "coordinates", "size", "dir"); err != nil {
				return err
			}
			pos, err := tf.position("hapcut cutout")
			if err != nil {
				return err
			}
			size, err := o.parseSize()
			if err != nil {
				return err
			}
			rate, err := o.transfer.check(e)
			if err != nil {
				return err
			}
			if err := e.setup(); err != nil {
				return err
			}
			defer e.close()
			u, err := cutouts.HAPCutURL(e.cfg.MastURL, cutouts.HAPCutCutout{RA: pos.RA, Dec: pos.Dec, Size: size})
			if err != nil {
				return usagef("hapcut cutout: %v", err)
			}
			return e.runCutouts([]string{u}, o, rate)
		},
	}
	tf.declare(cutout.Flags(), true)
	o.declare(cutout.Flags())
	cmd.AddCommand(cutout)
	return cmd
}

// runCutouts fetches the zips of cutout requests through the download engine, unpacks
// them into --dir, prints the manifest (one row per file, as astroquery's
// download_cutouts) and writes it next to the files. A service's "no data" answer is a
// failure naming it.
func (e *cliEnv) runCutouts(urls []string, o cutoutFlags, rate int64) error {
	items := make([]download.Item, len(urls))
	for i, u := range urls {
		items[i] = download.Item{
			URL: u, Dest: filepath.Join(o.dir, download.CutoutZipName(u)), Root: o.dir,
			Unpack: download.UnpackCutouts, KeepZip: o.keepZip,
		}
	}
	st, err := e.fetchItems(items, o.transfer.workers, rate, false)
	if err != nil {
		return err
	}
	if err := e.write(manifestTable(st), nil); err != nil {
		return err
	}
	return e.report(map[string][]download.Status{o.dir: st})
}

// manifestTable is the download manifest as a table: Local Path, Status, Message, URL.
func manifestTable(st []download.Status) *model.Table {
	rows := download.ManifestRows(st)
	cols := []*model.Column{
		model.NewColumn("Local Path", model.KindString, len(rows)),
		model.NewColumn("Status", model.KindString, len(rows)),
		model.NewColumn("Message", model.KindString, len(rows)),
		model.NewColumn("URL", model.KindString, len(rows)),
	}
	for _, r := range rows {
		for i, v := range []string{r.LocalPath, r.Status, r.Message, download.StripCredentials(r.URL)} {
			cols[i].Str = append(cols[i].Str, v)
		}
	}
	return model.NewTable(cols...)
}
