#!/bin/sh
# Written by mastui: 3 files, 2.9 MB. Re-run to resume interrupted downloads.
# Exclusive-access data: export MAST_API_TOKEN=<token> first (sent to MAST hosts only).
set -u
failed=0
fetch() { # fetch <auth:0|1> <size, 0 = unknown> <path> <url>
	resume=""
	if [ "$2" != 0 ] && [ -f "$3" ]; then
		have=$(( $(wc -c < "$3") ))
		[ "$have" -eq "$2" ] && return # complete: nothing to fetch
		[ "$have" -gt "$2" ] && rm -f "$3"
		resume="--continue-at -"
	fi
	mkdir -p "$(dirname "$3")" || { failed=$((failed+1)); return; }
	if [ "$1" = 1 ] && [ -n "${MAST_API_TOKEN:-}" ]; then
		curl --fail --location --silent --show-error --retry 5 --retry-delay 3 $resume \
			--header "Authorization: Bearer $MAST_API_TOKEN" --output "$3" "$4"
	else
		curl --fail --location --silent --show-error --retry 5 --retry-delay 3 $resume \
			--output "$3" "$4"
	fi
	rc=$?
	if [ $rc -ne 0 ]; then
		echo "mastui: failed (curl exit $rc): $3" >&2
		failed=$((failed+1))
	fi
}
fetch 1 2880000 'mastDownload/HST/U9O40504M/u9o40504m_c3m.fits' 'https://mast.stsci.edu/api/v0.1/Download/file?uri=mast:HST/product/u9o40504m_c3m.fits'
fetch 1 0 'mastDownload/HLA/it'\''s/fitscut.cgi_red=x&size=1' 'https://mast.stsci.edu/api/v0.1/Download/file?uri=mast:HLA/url/cgi-bin/fitscut.cgi%3Fred%3Dx%26size%3D1'
fetch 0 5760 '/elsewhere/file.fits' 'https://other.example.org/file.fits'
if [ $failed -ne 0 ]; then echo "mastui: $failed download(s) failed" >&2; exit 1; fi
