#!/usr/bin/env bash
# Makes the colour and metadata fixtures of tst_colormetadata from the bundled sample photo.
# Needs imagemagick, exiv2 and icc-profiles-free; run by hand when they change (the outputs are
# committed, so the suite needs none of these tools).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
icc=/usr/share/color/icc
src=../../resources/samples/photo.png
# A saturated 96x64 crop of the sample, converted from sRGB into Adobe RGB (1998): its values
# look dull unless the profile is honoured.
convert "$src" -resize 96x64! -background white -alpha remove -alpha off +profile "*" -profile "$icc/sRGB.icc" -profile "$icc/compatibleWithAdobeRGB1998.icc" \
    -quality 95 adobergb.jpg
convert "$src" -resize 96x64! -background white -alpha remove -alpha off +profile "*" -profile "$icc/sRGB.icc" -profile "$icc/compatibleWithAdobeRGB1998.icc" \
    adobergb.png
# What ImageMagick (lcms2) makes of them in sRGB: the oracle of the converted export.
convert adobergb.png -profile "$icc/sRGB.icc" -strip adobergb-to-srgb-imagemagick.png
# EXIF, IPTC and XMP a camera and a photographer would have written.
for f in adobergb.jpg adobergb.png; do
    exiv2 -M"set Exif.Image.Artist Ada Lovelace" -M"set Exif.Image.Make KernelCam" \
          -M"set Exif.Image.Model KC-1" -M"set Exif.Image.Copyright (c) 2024 Ada Lovelace" \
          -M"set Exif.Photo.ExposureTime 1/250" -M"set Exif.Photo.FNumber 28/10" \
          -M"set Exif.Image.Software Camera firmware 1.0" \
          -M"set Iptc.Application2.Caption A test photo" -M"set Xmp.dc.creator Ada Lovelace" "$f"
done
# The JPEG is stored rotated: Orientation 6 (turn 90 degrees clockwise to view).
exiv2 -M"set Exif.Image.Orientation 6" adobergb.jpg
