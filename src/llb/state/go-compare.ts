// Go compares strings byte-wise over UTF-8; JavaScript over UTF-16 code units. They differ only for
// characters outside the BMP against U+E000–U+FFFF.
export { compareUtf8 as compareGoStrings } from "../wire";
