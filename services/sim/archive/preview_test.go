package archive

import (
	"bytes"
	"image"
	_ "image/gif"
	_ "image/jpeg"
	_ "image/png"
	"io"
	"testing"
)

// TestPreviewFilesAreImages: a .jpg, .png or .gif product decodes as a picture, keeps
// its advertised size, and a jpeg still ends with the EOI marker the download engine
// checks.
func TestPreviewFilesAreImages(t *testing.T) {
	a := &Archive{seed: 1}
	for _, name := range []string{"x_drz.jpg", "x_preview.png", "lwp01001.gif"} {
		f := a.NewFile(Product{DataURI: "mast:T/product/" + name, Filename: name, Size: 40000})
		b, err := io.ReadAll(io.NewSectionReader(f, 0, f.Size))
		if err != nil || int64(len(b)) != 40000 {
			t.Fatalf("%s: %d bytes, %v", name, len(b), err)
		}
		img, _, err := image.Decode(bytes.NewReader(b))
		if err != nil || img.Bounds().Dx() != previewW {
			t.Errorf("%s: %v", name, err)
		}
		if name == "x_drz.jpg" && !bytes.HasSuffix(b, []byte{0xff, 0xd9}) {
			t.Errorf("%s does not end with EOI", name)
		}
	}
}
