package panstarrs

import (
	"strings"
)

// column is one column of a PanSTARRS table. Per-filter columns are made from a
// template ("%sMeanPSFMag"): tmpl keeps it and band is the filter (1 g .. 5 y).
type column struct {
	name, dbType, desc, unit string
	tmpl                     string
	band                     int
}

// votType is the VOTable type the API sends with a db_type (info[].type, metadata type).
func votType(dbType string) string {
	switch dbType {
	case "STRING":
		return "char"
	case "BIGINT":
		return "long"
	case "INTEGER":
		return "int"
	case "SMALLINT":
		return "short"
	case "TINYINT":
		return "unsignedByte"
	case "REAL":
		return "float"
	}
	return "double"
}

func (c column) numeric() bool { return c.dbType != "STRING" }

var bands = []string{"g", "r", "i", "z", "y"}

// perBand expands each "%s..." template for the five filters, filter by filter.
func perBand(templates ...column) []column {
	var out []column
	for bi, b := range bands {
		for _, t := range templates {
			c := t
			c.tmpl, c.band = t.name, bi+1
			c.name = strings.Replace(t.name, "%s", b, 1)
			c.desc = strings.Replace(t.desc, "%s", b, 1)
			out = append(out, c)
		}
	}
	return out
}

func cols(list ...[]column) []column {
	var out []column
	for _, l := range list {
		out = append(out, l...)
	}
	return out
}

// The mean table (MeanObjectView): 124 columns in dr2, as the real metadata lists.
var meanIdentity = []column{
	{"objName", "STRING", "IAU name for this object.", "", "", 0},
	{"objAltName1", "STRING", "Alternate name for this object.", "", "", 0},
	{"objAltName2", "STRING", "Alternate name for this object.", "", "", 0},
	{"objAltName3", "STRING", "Alternate name for this object.", "", "", 0},
	{"objPopularName", "STRING", "Well known name for this object.", "", "", 0},
	{"objID", "BIGINT", "Unique object identifier.", "", "", 0},
	{"ippObjID", "BIGINT", "IPP internal object identifier.", "", "", 0},
	{"surveyID", "TINYINT", "Survey identifier. Details in the Survey table.", "", "", 0},
	{"htmID", "BIGINT", "Hierarchical triangular mesh (Szalay 2007) index.", "", "", 0},
	{"zoneID", "INTEGER", "Local zone index, found by dividing the sky into bands of declination 1/2 arcminute in height: zoneID = floor((90 + declination)/0.0083333).", "", "", 0},
	{"tessID", "TINYINT", "Tessellation identifier. Details in the TessellationType table.", "", "", 0},
	{"projectionID", "SMALLINT", "Projection cell identifier.", "", "", 0},
	{"skyCellID", "TINYINT", "Skycell region identifier.", "", "", 0},
	{"randomID", "DOUBLE", "Random value drawn from the interval between zero and one.", "", "", 0},
	{"batchID", "BIGINT", "Internal database batch identifier.", "", "", 0},
	{"dvoRegionID", "INTEGER", "Internal DVO region identifier.", "", "", 0},
	{"processingVersion", "TINYINT", "Data release version.", "", "", 0},
	{"objInfoFlag", "INTEGER", "Information flag bitmask indicating details of the photometry. Values listed in ObjectInfoFlags.", "", "", 0},
	{"qualityFlag", "TINYINT", "Subset of objInfoFlag denoting whether this object is real or a likely false positive.", "", "", 0},
}

var meanPosition = []column{
	{"raStack", "DOUBLE", "Right ascension from stack detections, weighted mean value across filters, in equinox J2000.", "degrees", "", 0},
	{"decStack", "DOUBLE", "Declination from stack detections, weighted mean value across filters, in equinox J2000.", "degrees", "", 0},
	{"raStackErr", "REAL", "Right ascension standard deviation from stack detections.", "arcsec", "", 0},
	{"decStackErr", "REAL", "Declination standard deviation from stack detections.", "arcsec", "", 0},
	{"raMean", "DOUBLE", "Right ascension from single epoch detections (weighted mean) in equinox J2000 at the mean epoch given by epochMean.", "degrees", "", 0},
	{"decMean", "DOUBLE", "Declination from single epoch detections (weighted mean) in equinox J2000 at the mean epoch given by epochMean.", "degrees", "", 0},
	{"raMeanErr", "REAL", "Right ascension standard deviation from single epoch detections.", "arcsec", "", 0},
	{"decMeanErr", "REAL", "Declination standard deviation from single epoch detections.", "arcsec", "", 0},
	{"epochMean", "DOUBLE", "Modified Julian Date of the mean epoch corresponding to raMean, decMean.", "days", "", 0},
	{"posMeanChisq", "REAL", "Reduced chi squared value of mean position.", "", "", 0},
	{"cx", "DOUBLE", "Cartesian x on a unit sphere.", "", "", 0},
	{"cy", "DOUBLE", "Cartesian y on a unit sphere.", "", "", 0},
	{"cz", "DOUBLE", "Cartesian z on a unit sphere.", "", "", 0},
	{"lambda", "DOUBLE", "Ecliptic longitude.", "degrees", "", 0},
	{"beta", "DOUBLE", "Ecliptic latitude.", "degrees", "", 0},
	{"l", "DOUBLE", "Galactic longitude.", "degrees", "", 0},
	{"b", "DOUBLE", "Galactic latitude.", "degrees", "", 0},
}

var meanCounts = []column{
	{"nStackObjectRows", "SMALLINT", "Number of independent StackObjectThin rows associated with this object.", "", "", 0},
	{"nStackDetections", "SMALLINT", "Number of stack detections.", "", "", 0},
	{"nDetections", "SMALLINT", "Number of single epoch detections in all filters.", "", "", 0},
	{"ng", "SMALLINT", "Number of single epoch detections in g filter.", "", "", 0},
	{"nr", "SMALLINT", "Number of single epoch detections in r filter.", "", "", 0},
	{"ni", "SMALLINT", "Number of single epoch detections in i filter.", "", "", 0},
	{"nz", "SMALLINT", "Number of single epoch detections in z filter.", "", "", 0},
	{"ny", "SMALLINT", "Number of single epoch detections in y filter.", "", "", 0},
}

func meanBands(minMax bool) []column {
	t := []column{
		{"%sQfPerfect", "REAL", "Maximum PSF weighted fraction of pixels totally unmasked from %s filter detections.", "", "", 0},
		{"%sMeanPSFMag", "REAL", "Mean PSF magnitude from %s filter detections.", "AB magnitudes", "", 0},
		{"%sMeanPSFMagErr", "REAL", "Error in mean PSF magnitude from %s filter detections.", "AB magnitudes", "", 0},
		{"%sMeanPSFMagStd", "REAL", "Standard deviation of PSF magnitudes from %s filter detections.", "AB magnitudes", "", 0},
		{"%sMeanPSFMagNpt", "SMALLINT", "Number of measurements included in mean PSF magnitude from %s filter detections.", "", "", 0},
	}
	if minMax {
		t = append(t,
			column{"%sMeanPSFMagMin", "REAL", "Minimum PSF magnitude from %s filter detections.", "AB magnitudes", "", 0},
			column{"%sMeanPSFMagMax", "REAL", "Maximum PSF magnitude from %s filter detections.", "AB magnitudes", "", 0})
	}
	t = append(t,
		column{"%sMeanKronMag", "REAL", "Mean Kron (1980) magnitude from %s filter detections.", "AB magnitudes", "", 0},
		column{"%sMeanKronMagErr", "REAL", "Error in mean Kron (1980) magnitude from %s filter detections.", "AB magnitudes", "", 0},
		column{"%sMeanKronMagStd", "REAL", "Standard deviation of Kron (1980) magnitudes from %s filter detections.", "AB magnitudes", "", 0},
		column{"%sMeanKronMagNpt", "SMALLINT", "Number of measurements included in mean Kron (1980) magnitude from %s filter detections.", "", "", 0},
		column{"%sMeanApMag", "REAL", "Mean aperture magnitude from %s filter detections.", "AB magnitudes", "", 0},
		column{"%sMeanApMagErr", "REAL", "Error in mean aperture magnitude from %s filter detections.", "AB magnitudes", "", 0},
		column{"%sMeanApMagStd", "REAL", "Standard deviation of aperture magnitudes from %s filter detections.", "AB magnitudes", "", 0},
		column{"%sMeanApMagNpt", "SMALLINT", "Number of measurements included in mean aperture magnitude from %s filter detections.", "", "", 0},
		column{"%sFlags", "INTEGER", "Information flag bitmask for mean object from %s filter detections. Values listed in ObjectFilterFlags.", "", "", 0})
	return perBand(t...)
}

var stackColumns = cols([]column{
	{"objName", "STRING", "IAU name for this object.", "", "", 0},
	{"objPopularName", "STRING", "Well known name for this object.", "", "", 0},
	{"objID", "BIGINT", "Unique object identifier.", "", "", 0},
	{"uniquePspsSTid", "BIGINT", "Unique stack identifier.", "", "", 0},
	{"primaryDetection", "TINYINT", "Identifies if this row is the primary stack detection.", "", "", 0},
	{"bestDetection", "TINYINT", "Identifies if this row is the best stack detection.", "", "", 0},
	{"surveyID", "TINYINT", "Survey identifier. Details in the Survey table.", "", "", 0},
	{"ippObjID", "BIGINT", "IPP internal object identifier.", "", "", 0},
	{"skyCellID", "TINYINT", "Skycell region identifier.", "", "", 0},
	{"projectionID", "SMALLINT", "Projection cell identifier.", "", "", 0},
	{"raStack", "DOUBLE", "Right ascension from stack detections, in equinox J2000.", "degrees", "", 0},
	{"decStack", "DOUBLE", "Declination from stack detections, in equinox J2000.", "degrees", "", 0},
	{"raStackErr", "REAL", "Right ascension standard deviation from stack detections.", "arcsec", "", 0},
	{"decStackErr", "REAL", "Declination standard deviation from stack detections.", "arcsec", "", 0},
	{"nStackDetections", "SMALLINT", "Number of stack detections.", "", "", 0},
	{"nDetections", "SMALLINT", "Number of single epoch detections in all filters.", "", "", 0},
}, perBand(
	column{"%sippDetectID", "BIGINT", "IPP internal detection identifier in the %s filter stack.", "", "", 0},
	column{"%sstackDetectID", "BIGINT", "Stack detection identifier in the %s filter.", "", "", 0},
	column{"%sPSFMag", "REAL", "PSF magnitude from %s filter stack detection.", "AB magnitudes", "", 0},
	column{"%sPSFMagErr", "REAL", "Error in PSF magnitude from %s filter stack detection.", "AB magnitudes", "", 0},
	column{"%sApMag", "REAL", "Aperture magnitude from %s filter stack detection.", "AB magnitudes", "", 0},
	column{"%sApMagErr", "REAL", "Error in aperture magnitude from %s filter stack detection.", "AB magnitudes", "", 0},
	column{"%sKronMag", "REAL", "Kron (1980) magnitude from %s filter stack detection.", "AB magnitudes", "", 0},
	column{"%sKronMagErr", "REAL", "Error in Kron (1980) magnitude from %s filter stack detection.", "AB magnitudes", "", 0},
	column{"%sinfoFlag", "INTEGER", "Information flag bitmask for the %s filter stack detection.", "", "", 0},
	column{"%sinfoFlag2", "INTEGER", "Information flag bitmask for the %s filter stack detection.", "", "", 0},
))

var detectionColumns = []column{
	{"objID", "BIGINT", "Unique object identifier.", "", "", 0},
	{"detectID", "BIGINT", "Unique detection identifier.", "", "", 0},
	{"ippObjID", "BIGINT", "IPP internal object identifier.", "", "", 0},
	{"ippDetectID", "BIGINT", "IPP internal detection identifier.", "", "", 0},
	{"filterID", "TINYINT", "Filter identifier (1 g, 2 r, 3 i, 4 z, 5 y).", "", "", 0},
	{"surveyID", "TINYINT", "Survey identifier. Details in the Survey table.", "", "", 0},
	{"imageID", "BIGINT", "Unique image identifier.", "", "", 0},
	{"randomDetID", "DOUBLE", "Random value drawn from the interval between zero and one.", "", "", 0},
	{"dvoRegionID", "INTEGER", "Internal DVO region identifier.", "", "", 0},
	{"obsTime", "DOUBLE", "Modified Julian Date at the midpoint of the observation.", "days", "", 0},
	{"xPos", "REAL", "PSF x center location on the chip.", "pixels", "", 0},
	{"yPos", "REAL", "PSF y center location on the chip.", "pixels", "", 0},
	{"xPosErr", "REAL", "Error in PSF x center location.", "pixels", "", 0},
	{"yPosErr", "REAL", "Error in PSF y center location.", "pixels", "", 0},
	{"pltScale", "REAL", "Local plate scale at this location.", "arcsec/pixel", "", 0},
	{"posAngle", "REAL", "Position angle (sky-to-chip) at this location.", "degrees", "", 0},
	{"ra", "DOUBLE", "Right ascension of the detection, in equinox J2000.", "degrees", "", 0},
	{"dec", "DOUBLE", "Declination of the detection, in equinox J2000.", "degrees", "", 0},
	{"raErr", "REAL", "Right ascension error.", "arcsec", "", 0},
	{"decErr", "REAL", "Declination error.", "arcsec", "", 0},
	{"extNSigma", "REAL", "An extendedness measure, in sigma.", "", "", 0},
	{"zp", "REAL", "Photometric zeropoint.", "magnitudes", "", 0},
	{"telluricExt", "REAL", "Telluric extinction.", "magnitudes", "", 0},
	{"expTime", "REAL", "Exposure time of the frame.", "seconds", "", 0},
	{"airMass", "REAL", "Airmass at the midpoint of the exposure.", "", "", 0},
	{"psfFlux", "REAL", "PSF fit instrumental flux.", "Janskys", "", 0},
	{"psfFluxErr", "REAL", "Error in the PSF flux.", "Janskys", "", 0},
	{"psfMajorFWHM", "REAL", "PSF major axis FWHM.", "arcsec", "", 0},
	{"psfMinorFWHM", "REAL", "PSF minor axis FWHM.", "arcsec", "", 0},
	{"psfTheta", "REAL", "PSF major axis orientation.", "degrees", "", 0},
	{"psfQf", "REAL", "PSF coverage factor.", "", "", 0},
	{"psfQfPerfect", "REAL", "PSF weighted fraction of pixels totally unmasked.", "", "", 0},
	{"psfChiSq", "REAL", "Reduced chi squared of the PSF fit.", "", "", 0},
	{"apFlux", "REAL", "Aperture flux.", "Janskys", "", 0},
	{"apFluxErr", "REAL", "Error in the aperture flux.", "Janskys", "", 0},
	{"kronFlux", "REAL", "Kron (1980) flux.", "Janskys", "", 0},
	{"kronFluxErr", "REAL", "Error in the Kron (1980) flux.", "Janskys", "", 0},
	{"sky", "REAL", "Residual background sky level.", "Janskys/arcsec^2", "", 0},
	{"skyErr", "REAL", "Error in the background sky level.", "Janskys/arcsec^2", "", 0},
	{"infoFlag", "BIGINT", "Information flag bitmask. Values listed in DetectionFlags.", "", "", 0},
	{"infoFlag2", "INTEGER", "Information flag bitmask. Values listed in DetectionFlags2.", "", "", 0},
	{"infoFlag3", "INTEGER", "Information flag bitmask. Values listed in DetectionFlags3.", "", "", 0},
}

var forcedMeanColumns = cols([]column{
	{"objName", "STRING", "IAU name for this object.", "", "", 0},
	{"objID", "BIGINT", "Unique object identifier.", "", "", 0},
	{"ippObjID", "BIGINT", "IPP internal object identifier.", "", "", 0},
	{"raMean", "DOUBLE", "Right ascension from single epoch detections (weighted mean), in equinox J2000.", "degrees", "", 0},
	{"decMean", "DOUBLE", "Declination from single epoch detections (weighted mean), in equinox J2000.", "degrees", "", 0},
	{"nDetections", "SMALLINT", "Number of single epoch detections in all filters.", "", "", 0},
}, perBand(
	column{"%snTotal", "SMALLINT", "Number of forced photometry measurements in the %s filter.", "", "", 0},
	column{"%snIncPSFFlux", "SMALLINT", "Number of forced PSF fluxes included in the %s filter mean.", "", "", 0},
	column{"%sFPSFFlux", "REAL", "Mean forced PSF flux in the %s filter.", "Janskys", "", 0},
	column{"%sFPSFFluxErr", "REAL", "Error in the mean forced PSF flux in the %s filter.", "Janskys", "", 0},
	column{"%sFPSFMag", "REAL", "Magnitude from the mean forced PSF flux in the %s filter.", "AB magnitudes", "", 0},
	column{"%sFPSFMagErr", "REAL", "Error in the forced PSF magnitude in the %s filter.", "AB magnitudes", "", 0},
	column{"%sFApFlux", "REAL", "Mean forced aperture flux in the %s filter.", "Janskys", "", 0},
	column{"%sFApMag", "REAL", "Magnitude from the mean forced aperture flux in the %s filter.", "AB magnitudes", "", 0},
	column{"%sFKronFlux", "REAL", "Mean forced Kron (1980) flux in the %s filter.", "Janskys", "", 0},
	column{"%sFKronMag", "REAL", "Magnitude from the mean forced Kron (1980) flux in the %s filter.", "AB magnitudes", "", 0},
	column{"%sFlags", "INTEGER", "Information flag bitmask for the %s filter forced photometry.", "", "", 0},
))

// tableColumns lists the columns of release/table (nil when there is no such table).
func tableColumns(release, table string) []column {
	switch table {
	case "mean":
		if release == "dr1" {
			return cols(meanIdentity, meanPosition, meanCounts, meanBands(false))
		}
		return cols(meanIdentity, meanPosition, meanCounts, meanBands(true))
	case "stack":
		return stackColumns
	case "detection":
		return detectionColumns
	case "forced_mean":
		return forcedMeanColumns
	}
	return nil
}

// distance is what a cone search adds to every row.
var distanceCol = column{name: "distance", dbType: "DOUBLE", desc: "Angular distance from the search position.", unit: "degrees"}
