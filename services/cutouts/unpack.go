package cutouts

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // Zcut jpg cutouts are checked by decoding their header
	_ "image/png"
	"io"
	"os"
	"path/filepath"
	"strings"

	"mastui/model"
	"mastui/services/fits"
)

// DefaultMaxMemberBytes bounds one unpacked member (a zip bomb stops there).
const DefaultMaxMemberBytes = 8 << 30

// UnpackOptions tune Unpack.
type UnpackOptions struct {
	Service        string // names the service in messages ("TESScut"); default "cutout"
	KeepZip        bool   // keep the zip after unpacking (astroquery: inflate=False keeps only it)
	MaxMemberBytes int64  // default DefaultMaxMemberBytes
}

// Manifest is what Unpack wrote.
type Manifest struct {
	Files []string // local paths of the unpacked members, in the zip's order
	Zip   string   // the zip's path when kept, else ""
}

// Unpack writes the FITS (or jpg/png) members of a downloaded cutout zip into dir with
// the names MAST gave them, as astroquery's download_cutouts does, and then removes the
// zip unless KeepZip. Member names are reduced to a safe base name (no directories, no
// "..", nothing absolute), so nothing lands outside dir. Every member is verified before
// anything is renamed into place: its CRC-32 and size from the zip, and that it parses
// (FITS structure, or the image header). Members go through "<name>.part" and are
// renamed only when all are good, so a bad zip leaves no half set.
//
// A zipPath holding the JSON {"msg": ...} a service sends when it has nothing is a
// *NoDataError (the file is left alone).
func Unpack(zipPath, dir string, opts UnpackOptions) (Manifest, error) {
	if opts.Service == "" {
		opts.Service = "cutout"
	}
	if opts.MaxMemberBytes <= 0 {
		opts.MaxMemberBytes = DefaultMaxMemberBytes
	}
	if err := checkFileAnswer(opts.Service, zipPath); err != nil {
		return Manifest{}, err
	}
	zr, err := zip.OpenReader(zipPath)
	if err != nil {
		return Manifest{}, fmt.Errorf("%s: %s is not a readable zip: %w", opts.Service, zipPath, err)
	}
	defer zr.Close()
	m, err := unpack(&zr.Reader, dir, opts)
	if err != nil {
		return m, err
	}
	if opts.KeepZip {
		m.Zip = zipPath
	} else if err := os.Remove(zipPath); err != nil {
		return m, err
	}
	return m, nil
}

// UnpackBytes is Unpack for a zip held in memory (the answer of an in-memory cutout
// request); KeepZip does not apply.
func UnpackBytes(data []byte, dir string, opts UnpackOptions) (Manifest, error) {
	if opts.Service == "" {
		opts.Service = "cutout"
	}
	if opts.MaxMemberBytes <= 0 {
		opts.MaxMemberBytes = DefaultMaxMemberBytes
	}
	if err := CheckAnswer(opts.Service, data[:min(len(data), 64<<10)]); err != nil {
		return Manifest{}, err
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return Manifest{}, fmt.Errorf("%s: the answer is not a readable zip: %w", opts.Service, err)
	}
	return unpack(zr, dir, opts)
}

// unpack writes zr's members into dir (see Unpack).
func unpack(zr *zip.Reader, dir string, opts UnpackOptions) (Manifest, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Manifest{}, err
	}
	type member struct{ part, final string }
	var done []member
	cleanup := func() {
		for _, m := range done {
			os.Remove(m.part)
		}
	}
	seen := map[string]string{}
	for _, f := range zr.File {
		if f.FileInfo().IsDir() {
			continue
		}
		if !f.Mode().IsRegular() {
			cleanup()
			return Manifest{}, fmt.Errorf("%s: zip member %q is not a regular file", opts.Service, model.OneLine(f.Name))
		}
		name := model.SanitizeName(f.Name)
		if name == "" {
			cleanup()
			return Manifest{}, fmt.Errorf("%s: zip member %q has no usable file name", opts.Service, model.OneLine(f.Name))
		}
		if prev, dup := seen[strings.ToLower(name)]; dup {
			cleanup()
			return Manifest{}, fmt.Errorf("%s: zip members %q and %q would both be written as %s", opts.Service, prev, model.OneLine(f.Name), name)
		}
		seen[strings.ToLower(name)] = model.OneLine(f.Name)
		final := filepath.Join(dir, name)
		part := final + ".part"
		if err := extract(f, part, opts.MaxMemberBytes); err != nil {
			os.Remove(part)
			cleanup()
			return Manifest{}, fmt.Errorf("%s: zip member %s: %w", opts.Service, name, err)
		}
		done = append(done, member{part, final})
		if err := verifyMember(part, name); err != nil {
			cleanup()
			return Manifest{}, fmt.Errorf("%s: zip member %s: %w", opts.Service, name, err)
		}
	}
	if len(done) == 0 {
		return Manifest{}, fmt.Errorf("%s: the zip holds no files", opts.Service)
	}
	var m Manifest
	for i, d := range done {
		if err := os.Rename(d.part, d.final); err != nil {
			for _, rest := range done[i:] {
				os.Remove(rest.part)
			}
			return m, err
		}
		m.Files = append(m.Files, d.final)
	}
	return m, nil
}

// checkFileAnswer reads the start of a downloaded answer: a zip, or a "no data" message.
func checkFileAnswer(service, path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	head := make([]byte, 64<<10)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return err
	}
	return CheckAnswer(service, head[:n])
}

// extract copies one member to part, fsynced. Reading it to the end checks its CRC-32
// (archive/zip returns zip.ErrChecksum on a mismatch); the size must match the header.
func extract(f *zip.File, part string, limit int64) error {
	if f.UncompressedSize64 > uint64(limit) {
		return fmt.Errorf("%d bytes, above the limit of %d", f.UncompressedSize64, limit)
	}
	rc, err := f.Open()
	if err != nil {
		return err
	}
	defer rc.Close()
	out, err := os.OpenFile(part, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	n, err := io.Copy(out, io.LimitReader(rc, limit+1))
	if err == nil && n != int64(f.UncompressedSize64) {
		err = fmt.Errorf("%d bytes unpacked, the zip says %d", n, f.UncompressedSize64)
	}
	if err == nil {
		err = out.Sync()
	}
	if cerr := out.Close(); err == nil {
		err = cerr
	}
	if errors.Is(err, zip.ErrChecksum) {
		return fmt.Errorf("corrupt (CRC-32 mismatch): %w", err)
	}
	return err
}

// verifyMember checks that an unpacked member is what its name says.
func verifyMember(path, name string) error {
	switch ext := strings.ToLower(filepath.Ext(name)); ext {
	case ".fits", ".fit", ".fts":
		f, err := fits.Open(path)
		if err != nil {
			return fmt.Errorf("not a valid FITS file: %w", err)
		}
		return f.Close()
	case ".jpg", ".jpeg", ".png":
		fh, err := os.Open(path)
		if err != nil {
			return err
		}
		defer fh.Close()
		if _, _, err := image.DecodeConfig(fh); err != nil {
			return fmt.Errorf("not a valid %s image: %w", ext[1:], err)
		}
		return nil
	default:
		return fmt.Errorf("unexpected file type %q (cutouts are FITS, jpg or png)", ext)
	}
}
