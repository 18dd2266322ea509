package archive

import (
	"fmt"
	"strings"
)

// Name pools for synthetic metadata. Surnames are common ones, not real proposers,
// except where a documented astroquery example needs a specific PI (Osten).
var piSurnames = []string{
	"Adams", "Baker", "Bianchi", "Brown", "Carter", "Chen", "Costa", "Dalton", "Diaz", "Evans",
	"Fischer", "Fontaine", "Garcia", "Gupta", "Hansen", "Hayashi", "Ibrahim", "Jensen", "Kaur",
	"Kim", "Kowalski", "Larsen", "Lopez", "Martin", "Meyer", "Moreau", "Nakamura", "Nguyen",
	"Novak", "Okafor", "Olsen", "Patel", "Petrov", "Quinn", "Rossi", "Santos", "Schmidt",
	"Silva", "Singh", "Sato", "Takahashi", "Tanaka", "Torres", "Vargas", "Wagner", "Walker",
	"Weber", "Williams", "Wong", "Young", "Zhang", "Zimmermann", "Andersson", "Bauer", "Cohen",
	"Dubois", "Ferrari", "Hoffmann", "Ivanova", "Lindqvist", "Mahler", "Rahman", "Yilmaz",
}

var piFirstNames = []string{
	"Alice", "Benjamin", "Carla", "David", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas",
	"Keiko", "Luis", "Maria", "Nadia", "Omar", "Priya", "Quentin", "Rosa", "Samuel", "Tara",
	"Ulrich", "Valeria", "Wei", "Xavier", "Yuki", "Zofia",
}

// piName makes "Surname, First M." in MAST's proposal_pi style.
func piName(r *rng) string {
	return fmt.Sprintf("%s, %s %c.", r.pick(piSurnames), r.pick(piFirstNames), 'A'+rune(r.intn(26)))
}

var titleOpeners = []string{
	"A Deep Survey of", "Mapping", "The Nature of", "Probing", "Resolving", "A Census of",
	"Characterizing", "The Star Formation History of", "Tracing the Dust in", "Spectroscopy of",
	"Time-Domain Monitoring of", "The Chemical Evolution of", "Hunting for Variables in",
	"Feedback and Outflows in", "Structure and Kinematics of",
}

var titleSubjects = []string{
	"Nearby Spiral Galaxies", "Globular Cluster Populations", "Young Stellar Objects",
	"Transiting Exoplanet Atmospheres", "High-Redshift Galaxies", "Planetary Nebulae",
	"White Dwarf Binaries", "Active Galactic Nuclei", "Brown Dwarfs", "Protoplanetary Disks",
	"Massive Star Clusters", "Supernova Remnants", "Cataclysmic Variables", "M Dwarf Flares",
	"the Circumgalactic Medium", "Lensed Galaxies Behind Clusters", "Star-Forming Regions",
}

var titleTails = []string{
	"", "", " with Multiband Imaging", " in the Ultraviolet", " at High Angular Resolution",
	": A Legacy Program", " and Their Environments", ": Pilot Study", " Across Cosmic Time",
}

func programTitle(r *rng) string {
	return r.pick(titleOpeners) + " " + r.pick(titleSubjects) + r.pick(titleTails)
}

// Background target names per flavour of target.
func galaxyName(r *rng) (string, string) {
	switch r.intn(4) {
	case 0:
		return fmt.Sprintf("NGC-%d", 100+r.intn(7700)), "GALAXY;SPIRAL"
	case 1:
		return fmt.Sprintf("UGC-%05d", 1+r.intn(12000)), "GALAXY;IRREGULAR"
	case 2:
		return fmt.Sprintf("IC-%d", 1+r.intn(5300)), "GALAXY;ELLIPTICAL"
	default:
		return fmt.Sprintf("SDSS-J%02d%02d%02d.%02d%+03d%02d%02d.%d", r.intn(24), r.intn(60), r.intn(60), r.intn(100),
			r.between(-20, 70), r.intn(60), r.intn(60), r.intn(10)), "GALAXY;QSO"
	}
}

func starName(r *rng) (string, string) {
	switch r.intn(5) {
	case 0:
		return fmt.Sprintf("HD-%d", 1000+r.intn(250000)), "STAR;MAIN SEQUENCE"
	case 1:
		return fmt.Sprintf("GJ-%d", 1+r.intn(1300)), "STAR;M DWARF"
	case 2:
		return fmt.Sprintf("WD%04d%+04d", r.intn(2400), r.between(-890, 890)), "STAR;WHITE DWARF"
	case 3:
		return fmt.Sprintf("BD%+03d-%d", r.between(-89, 89), 1+r.intn(4000)), "STAR;GIANT"
	default:
		return fmt.Sprintf("TYC-%d-%d-1", 1+r.intn(9500), 1+r.intn(2000)), "STAR;VARIABLE"
	}
}

func exoplanetHost(r *rng) (string, string) {
	switch r.intn(4) {
	case 0:
		return fmt.Sprintf("WASP-%d", 1+r.intn(190)), "STAR;EXOPLANET HOST"
	case 1:
		return fmt.Sprintf("HAT-P-%d", 1+r.intn(70)), "STAR;EXOPLANET HOST"
	case 2:
		return fmt.Sprintf("TOI-%d", 100+r.intn(6000)), "STAR;EXOPLANET HOST"
	default:
		return fmt.Sprintf("K2-%d", 1+r.intn(400)), "STAR;EXOPLANET HOST"
	}
}

var solarSystem = []string{"JUPITER", "SATURN", "MARS", "URANUS", "NEPTUNE", "IO", "EUROPA", "TITAN", "PLUTO", "CERES"}

func anyTargetName(r *rng) (string, string) {
	if r.chance(0.015) {
		return r.pick(solarSystem), "SOLAR SYSTEM;PLANET"
	}
	switch r.intn(3) {
	case 0:
		return galaxyName(r)
	case 1:
		return starName(r)
	default:
		return exoplanetHost(r)
	}
}

// hstTargetName turns a catalogue name into HST's upper-case, hyphenated style.
func hstTargetName(name string) string {
	return strings.ToUpper(strings.NewReplacer(" ", "-", "_", "-").Replace(name))
}
