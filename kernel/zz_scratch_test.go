package kernel

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"
)

func TestZZScratch(t *testing.T) {
	file := os.Getenv("CELLS")
	data, _ := os.ReadFile(file)
	var cells map[string]string
	json.Unmarshal(data, &cells)
	keys := make([]string, 0)
	for k := range cells {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if os.Getenv("ORDER") != "" {
		keys = strings.Split(os.Getenv("ORDER"), ",")
	}
	s := NewSession(Options{MaxSteps: 10_000_000})
	for _, n := range keys {
		var out strings.Builder
		res := s.Execute(cells[n], func(o Output) {
			switch o.OutputType {
			case "stream":
				out.WriteString(fmt.Sprint(o.Text))
			case "error":
				out.WriteString("ERROR " + o.EName + ": " + o.EValue + "\n" + strings.Join(o.Traceback, "\n") + "\n")
			default:
				b, _ := json.Marshal(o.Data["text/plain"])
				out.WriteString(o.OutputType + " " + string(b) + "\n")
			}
		})
		fmt.Printf("=== %s %s\n%s", n, res.Status, out.String())
	}
}
