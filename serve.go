// Command pushbook serves the built notebook site, runs notebooks headless
// and checks their stored outputs. Usage:
//
//	go run . serve [-addr HOST:PORT] [-dir DIR]
//	go run . run NOTEBOOK.ipynb [-o OUT.ipynb] [--timeout D] [--max-steps N]
//	go run . check NOTEBOOK.ipynb...
//	go run . help
//
// Commands register themselves in the commands table (see command), one file
// per command, so a new command needs no change here.
package main

import (
	"fmt"
	"io"
	"maps"
	"os"
	"slices"
	"strings"
)

// command is one subcommand of the root command.
type command struct {
	usage   string // first line of help: "run IN.ipynb [-o OUT.ipynb] ..."
	summary string // one sentence
	run     func(args []string, stdout, stderr io.Writer) int
}

// commands maps a subcommand's name to it; files add to it in init.
var commands = map[string]command{}

func main() {
	os.Exit(dispatch(os.Args[1:], os.Stdout, os.Stderr))
}

// dispatch runs the command named by args[0] and returns the exit code:
// 0 success, 1 failure, 2 bad usage.
func dispatch(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return 2
	}
	name := args[0]
	if name == "help" || name == "-h" || name == "--help" {
		usage(stdout)
		return 0
	}
	cmd, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "pushbook: unknown command %q\n", name)
		usage(stderr)
		return 2
	}
	return cmd.run(args[1:], stdout, stderr)
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: go run . <command> [arguments]\n\ncommands:")
	for _, name := range slices.Sorted(maps.Keys(commands)) {
		c := commands[name]
		fmt.Fprintf(w, "  %s\n      %s\n", c.usage, strings.ReplaceAll(c.summary, "\n", "\n      "))
	}
	fmt.Fprintln(w, "  help\n      Print this help.")
}
