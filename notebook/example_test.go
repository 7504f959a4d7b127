package notebook_test

import (
	"fmt"
	"os"
	"strings"

	"pushbook/notebook"
)

func ExampleDecode() {
	nb, err := notebook.Decode(strings.NewReader(`{
	 "cells": [{"cell_type": "code", "execution_count": 1, "metadata": {"tags": ["raises-exception"]},
	            "outputs": [{"output_type": "stream", "name": "stdout", "text": ["a\n", "b\n"]}],
	            "source": ["print(\"a\")\n", "print(\"b\")"]}],
	 "metadata": {}, "nbformat": 4, "nbformat_minor": 4}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	c := nb.Cells[0]
	fmt.Printf("%s cell, tags %v\n%s\n", c.CellType, c.Tags(), c.Source)
	fmt.Printf("%q\n", c.Outputs[0].Text)
	// Output:
	// code cell, tags [raises-exception]
	// print("a")
	// print("b")
	// "a\nb\n"
}

func ExampleEncode() {
	cell := notebook.NewCode("print(1)")
	cell.ID = "first"
	cell.ExecutionCount = 1
	cell.Outputs = []notebook.Output{notebook.NewStream("stdout", "1\n")}
	if err := notebook.Encode(os.Stdout, notebook.New(cell)); err != nil {
		fmt.Println(err)
	}
	// Output:
	// {
	//  "cells": [
	//   {
	//    "cell_type": "code",
	//    "execution_count": 1,
	//    "id": "first",
	//    "metadata": {},
	//    "outputs": [
	//     {
	//      "name": "stdout",
	//      "output_type": "stream",
	//      "text": [
	//       "1\n"
	//      ]
	//     }
	//    ],
	//    "source": [
	//     "print(1)"
	//    ]
	//   }
	//  ],
	//  "metadata": {},
	//  "nbformat": 4,
	//  "nbformat_minor": 5
	// }
}

func ExampleNotebook_Warnings() {
	nb, err := notebook.Decode(strings.NewReader(`{"nbformat": 4, "nbformat_minor": 5,
	 "metadata": {"kernelspec": "python3"},
	 "cells": [{"cell_type": "markdown", "source": "", "metadata": {"tags": "intro"}}]}`))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, w := range nb.Warnings {
		fmt.Println(w)
	}
	fmt.Println(nb.Metadata["kernelspec"], nb.Cells[0].Tags())
	// Output:
	// field "metadata.kernelspec": want an object with name and display_name strings, got a string; made it the name and display_name
	// cell 1: field "metadata.tags": want a list of distinct tags without commas, got "intro"; kept ["intro"]
	// map[display_name:python3 name:python3] [intro]
}
