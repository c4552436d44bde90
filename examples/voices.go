// Listing Waves voices from Go. Open this file to see API Doctor's findings in Go.
package main

import (
	"fmt"
	"io"
	"net/http"
	"os"
)

// hardcoded-key: a key in the source ends up in every clone and build.
const wavesKey = "sk_4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c"

func main() {
	req, err := http.NewRequest("GET", "https://waves-api.smallest.ai/api/v1/lightning-v3.1/get_voices", nil)
	if err != nil {
		panic(err)
	}
	// bearer-format: %q wraps the key in quotes.
	req.Header.Set("Authorization", fmt.Sprintf("Bearer %q", wavesKey))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		panic(err)
	}
	defer res.Body.Close()
	io.Copy(os.Stdout, res.Body)
}
