package flatten

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
)

// WriteCSV writes the table as CSV (RFC 4180, via encoding/csv): a header
// of column names, then one record per row. A sub-array column of shape n
// becomes n columns named name[0] ... name[n-1]. A null is an empty field;
// floats use the shortest form that reads back exactly; bools are true and
// false.
func (t *Table) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	var header []string
	for _, c := range t.cols {
		if c.dtype.Shape == 0 {
			header = append(header, c.name)
			continue
		}
		for j := range c.dtype.Shape {
			header = append(header, c.name+"["+strconv.Itoa(j)+"]")
		}
	}
	if err := cw.Write(header); err != nil {
		return fmt.Errorf("write CSV header: %w", err)
	}
	record := make([]string, len(header))
	for i := range t.rows {
		record = record[:0]
		for _, c := range t.cols {
			s := c.dtype.stride()
			for j := range s {
				if c.IsNull(i) {
					record = append(record, "")
				} else {
					record = append(record, csvText(c, i*s+j))
				}
			}
		}
		if err := cw.Write(record); err != nil {
			return fmt.Errorf("write CSV row %d: %w", i, err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write CSV: %w", err)
	}
	return nil
}

func csvText(c *Column, at int) string {
	switch c.dtype.Kind {
	case Float64:
		return strconv.FormatFloat(c.floatAt(at), 'g', -1, 64)
	case Bool:
		return strconv.FormatBool(c.boolAt(at))
	}
	return scalarText(c, at)
}
