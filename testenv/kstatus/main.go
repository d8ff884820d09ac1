// kstatus prints the status that sigs.k8s.io/cli-utils/pkg/kstatus (the library Flux's `wait`/health checks
// and kpt use) computes for Kubernetes resources given as JSON files, one line per file:
//
//	<file> TAB <status: Current|InProgress|Failed|Terminating|NotFound|Unknown> TAB <message>
//
// Built by `testenv/provision.sh kstatus`; used by the tests of our resources' status (KstatusTest).
package main

import (
	"fmt"
	"os"

	"k8s.io/apimachinery/pkg/apis/meta/v1/unstructured"
	"sigs.k8s.io/cli-utils/pkg/kstatus/status"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: kstatus FILE.json...")
		os.Exit(2)
	}
	for _, file := range os.Args[1:] {
		data, err := os.ReadFile(file)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		// As the API machinery decodes it (integers stay int64, as kstatus reads generation).
		object := &unstructured.Unstructured{}
		if err := object.UnmarshalJSON(data); err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", file, err)
			os.Exit(1)
		}
		result, err := status.Compute(object)
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", file, err)
			os.Exit(1)
		}
		fmt.Printf("%s\t%s\t%s\n", file, result.Status, result.Message)
	}
}
