package archive

import (
	"bytes"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"math"
)

// Preview images: a product's .jpg, .png or .gif starts with a real small image (a keyed
// field of stars around a galaxy) that any decoder reads; the filler after it, up to
// the advertised size, is ignored by decoders (they stop at the JPEG EOI or the PNG
// IEND, the GIF trailer). So a TUI preview shows a picture and downloads keep their sizes.
const previewW, previewH = 64, 48

// previewImage draws the image of key.
func previewImage(key uint64) *image.RGBA {
	r := rng{s: mix(key ^ 0x9e37)}
	img := image.NewRGBA(image.Rect(0, 0, previewW, previewH))
	type blob struct{ x, y, sigma, amp, red, blue float64 }
	blobs := []blob{{x: 20 + r.float()*24, y: 14 + r.float()*20, sigma: 5 + r.float()*6, amp: 200, red: 0.8 + r.float()*0.4, blue: 0.8 + r.float()*0.4}}
	for range 12 {
		blobs = append(blobs, blob{x: r.float() * previewW, y: r.float() * previewH, sigma: 0.6 + r.float(), amp: 120 + r.float()*135, red: 1, blue: 1})
	}
	for y := 0; y < previewH; y++ {
		for x := 0; x < previewW; x++ {
			var v, red, blue float64 = 8 + r.float()*6, 0, 0
			for _, b := range blobs {
				d2 := (float64(x)-b.x)*(float64(x)-b.x) + (float64(y)-b.y)*(float64(y)-b.y)
				a := b.amp * math.Exp(-d2/(2*b.sigma*b.sigma))
				v, red, blue = v+a, red+a*(b.red-1), blue+a*(b.blue-1)
			}
			img.SetRGBA(x, y, color.RGBA{R: clampByte(v + red), G: clampByte(v), B: clampByte(v + blue + 10), A: 255})
		}
	}
	return img
}

func clampByte(v float64) uint8 { return uint8(max(0, min(255, v))) }

// previewJPEG and previewPNG encode the image of key.
func previewJPEG(key uint64) []byte {
	var b bytes.Buffer
	jpeg.Encode(&b, previewImage(key), &jpeg.Options{Quality: 80}) // a bytes.Buffer does not fail
	return b.Bytes()
}

func previewPNG(key uint64) []byte {
	var b bytes.Buffer
	png.Encode(&b, previewImage(key))
	return b.Bytes()
}

func previewGIF(key uint64) []byte {
	var b bytes.Buffer
	gif.Encode(&b, previewImage(key), nil)
	return b.Bytes()
}
