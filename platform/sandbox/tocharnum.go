package sandbox

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"strings"
)

// PostgreSQL's to_char for numbers: the template patterns 9 0 . , D G S MI PL SG PR L
// RN TH V EEEE and FM, written as PostgreSQL 15's NUM_processor writes them in the C
// locale (decimal point ".", group separator ",", currency symbol " "): a sign that
// floats before the first digit, blanks for leading digits, '#' when the integer part
// does not fit, FM's trimming of blanks and of trailing zeros.

// numFormat is a parsed number template.
type numFormat struct {
	nodes                []numNode
	pre, post            int // digit positions before and after the decimal point
	decimal, zero, fill  bool
	minus, plus, bracket bool
	lsign                int // 0 none, 1 before the number, 2 after it
	preLsign             int
	roman, eeee          bool
	multi                int // digits after V
	zeroStart, zeroEnd   int
}

type numNode struct {
	key string // pattern ("9", "0", ".", "D", ",", "G", "S", "MI"…), "" for literal text
	lit string
}

var numKeywords = []string{",", ".", "0", "9", "B", "C", "D", "EEEE", "FM", "G", "L", "MI", "PL", "PR", "RN", "SG", "SP", "S", "TH", "V",
	"b", "c", "d", "eeee", "fm", "g", "l", "mi", "pl", "pr", "rn", "sg", "sp", "s", "th", "v"}

// parseNumFormat reads a number template.
func parseNumFormat(tmpl string) (*numFormat, error) {
	f := &numFormat{}
	for i := 0; i < len(tmpl); {
		kw := ""
		for _, k := range numKeywords {
			if strings.HasPrefix(tmpl[i:], k) {
				kw = k
				break
			}
		}
		if kw == "" {
			c := tmpl[i]
			if c == '"' {
				var b strings.Builder
				for i++; i < len(tmpl) && tmpl[i] != '"'; i++ {
					if tmpl[i] == '\\' && i+1 < len(tmpl) {
						i++
					}
					b.WriteByte(tmpl[i])
				}
				i++
				f.nodes = append(f.nodes, numNode{lit: b.String()})
				continue
			}
			if c == '\\' && i+1 < len(tmpl) && tmpl[i+1] == '"' {
				f.nodes = append(f.nodes, numNode{lit: `"`})
				i += 2
				continue
			}
			// One character (a whole UTF-8 sequence).
			j := i + 1
			for j < len(tmpl) && tmpl[j]&0xC0 == 0x80 {
				j++
			}
			f.nodes = append(f.nodes, numNode{lit: tmpl[i:j]})
			i = j
			continue
		}
		i += len(kw)
		up := strings.ToUpper(kw)
		switch up {
		case "9":
			if f.bracket {
				return nil, fmt.Errorf(`"9" must be ahead of "PR"`)
			}
			if f.hasV() {
				f.multi++
				break
			}
			if f.decimal {
				f.post++
			} else {
				f.pre++
			}
		case "0":
			if f.bracket {
				return nil, fmt.Errorf(`"0" must be ahead of "PR"`)
			}
			if !f.zero && !f.decimal {
				f.zero = true
				f.zeroStart = f.pre + 1
			}
			if !f.decimal {
				f.pre++
			} else {
				f.post++
			}
			f.zeroEnd = f.pre + f.post
		case ".", "D":
			if f.decimal {
				return nil, fmt.Errorf("multiple decimal points")
			}
			if f.hasV() {
				return nil, fmt.Errorf(`cannot use "V" and decimal point together`)
			}
			f.decimal = true
		case "FM":
			f.fill = true
		case "S":
			if f.lsign != 0 {
				return nil, fmt.Errorf(`cannot use "S" twice`)
			}
			if f.plus || f.minus || f.bracket {
				return nil, fmt.Errorf(`cannot use "S" and "PL"/"MI"/"SG"/"PR" together`)
			}
			if !f.decimal {
				f.lsign, f.preLsign = 1, f.pre
			} else {
				f.lsign = 2
			}
		case "MI":
			if f.lsign != 0 {
				return nil, fmt.Errorf(`cannot use "S" and "MI" together`)
			}
			f.minus = true
		case "PL":
			if f.lsign != 0 {
				return nil, fmt.Errorf(`cannot use "S" and "PL" together`)
			}
			f.plus = true
		case "SG":
			if f.lsign != 0 {
				return nil, fmt.Errorf(`cannot use "S" and "SG" together`)
			}
			f.minus, f.plus = true, true
		case "PR":
			if f.lsign != 0 || f.plus || f.minus {
				return nil, fmt.Errorf(`cannot use "PR" and "S"/"PL"/"MI"/"SG" together`)
			}
			f.bracket = true
		case "RN":
			f.roman = true
		case "EEEE":
			if f.eeee {
				return nil, fmt.Errorf(`cannot use "EEEE" twice`)
			}
			f.eeee = true
		case "B", "C", "SP":
			return nil, fmt.Errorf(`"%s" not supported`, up)
		}
		f.nodes = append(f.nodes, numNode{key: kw})
	}
	return f, nil
}

func (f *numFormat) hasV() bool {
	for _, n := range f.nodes {
		if n.key == "V" || n.key == "v" {
			return true
		}
	}
	return false
}

var errIntegerRange = fmt.Errorf("integer out of range")

var numTemplates tcTemplateCache

// numToChar formats v (an integer, *big.Int, float64/float32 or an exact decimal as
// unscaled big.Int and scale) with the template.
func numToChar(v any, tmpl string) (string, error) {
	parsed := numTemplates.get(tmpl, func(t string) any {
		f, err := parseNumFormat(t)
		if err != nil {
			return err
		}
		return f
	})
	if err, ok := parsed.(error); ok {
		return "", err
	}
	copied := *parsed.(*numFormat) // process changes its fields
	f := &copied
	var numstr string
	sign := byte('+')
	outPre := 0
	switch {
	case f.roman:
		n, ok := tcRoundedInt(v)
		_, isFloat := v.(float64)
		if _, f32 := v.(float32); f32 {
			isFloat = true
		}
		if !ok || n > math.MaxInt32 || n < math.MinInt32 {
			if !isFloat {
				return "", errIntegerRange // numeric and bigint convert to int4 first
			}
			ok = false // a double converted to int out of range: '#'
		}
		numstr = tcRoman(n, ok)
	case f.eeee:
		if i32, ok := v.(int32); ok {
			v = float64(i32) // int4's to_char prints EEEE with printf, as a double
		}
		if _, isFloat := v.(float64); !isFloat {
			if _, isF32 := v.(float32); !isF32 {
				numstr = tcNumericSci(v, f.post)
				if numstr[0] != '-' {
					numstr = " " + numstr
				}
				return numstr, nil
			}
		}
		x := tcFloat(v)
		if math.IsNaN(x) || math.IsInf(x, 0) {
			numstr = " " + strings.Repeat("#", f.pre) + "." + strings.Repeat("#", f.post) + "####"
			if f.post == 0 {
				numstr = " " + strings.Repeat("#", f.pre) + "####"
			}
		} else {
			numstr = strconv.FormatFloat(x, 'e', f.post, 64)
			if numstr[0] != '-' {
				numstr = " " + numstr
			}
		}
		return numstr, nil
	default:
		var digits string
		multi := f.multi
		if x, ok := v.(int32); ok && multi > 0 {
			// int4's to_char multiplies in int4, wrapping around as C does.
			p := int32(1)
			for k := 0; k < multi; k++ {
				p *= 10
			}
			v, multi = x*p, 0
		}
		digits, sign, f.post = tcDigits(v, f.post, multi)
		f.pre += f.multi
		numstr = digits
		preLen := len(numstr)
		if p := strings.IndexByte(numstr, '.'); p >= 0 {
			preLen = p
		}
		if preLen < f.pre {
			outPre = f.pre - preLen
		} else if preLen > f.pre {
			b := []byte(strings.Repeat("#", f.pre+f.post+1))
			b[f.pre] = '.'
			numstr = string(b)
		}
	}
	return f.process(numstr, sign, outPre), nil
}

// tcDigits writes v's absolute value rounded to post decimals (times 10^multi) and
// its sign, as PostgreSQL's int/numeric/float8 to_char prepare them; floats keep at most
// 15 significant digits (6 for real), which may lower post.
func tcDigits(v any, post, multi int) (string, byte, int) {
	sign := byte('+')
	var s string
	switch x := v.(type) {
	case float64, float32:
		val, dig := 0.0, 15
		if f32, ok := x.(float32); ok {
			val, dig = float64(f32), 6
		} else {
			val = x.(float64)
		}
		if math.IsNaN(val) || math.IsInf(val, 0) {
			// PostgreSQL prints these with printf: NaN, Infinity become "nan"/"inf".
			s = strconv.FormatFloat(val, 'f', -1, 64)
		} else {
			if multi > 0 {
				val *= math.Pow(10, float64(multi))
			}
			pre := len(strconv.FormatFloat(math.Abs(val), 'f', 0, 64))
			if pre >= dig {
				post = 0
			} else if pre+post > dig {
				post = dig - pre
			}
			s = strconv.FormatFloat(val, 'f', post, 64)
		}
	default:
		unscaled, scale := tcExact(v)
		if multi > 0 {
			unscaled.Mul(unscaled, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(multi)), nil))
		}
		s = tcRoundDecimal(unscaled, scale, post)
	}
	if s != "" && s[0] == '-' {
		sign, s = '-', s[1:]
	}
	return s, sign, post
}

// tcExact returns an integer or decimal value as unscaled digits and a scale.
func tcExact(v any) (*big.Int, int) {
	switch x := v.(type) {
	case int64:
		return big.NewInt(x), 0
	case int32:
		return big.NewInt(int64(x)), 0
	case *big.Int:
		return new(big.Int).Set(x), 0
	case tcDecimal:
		return new(big.Int).Set(x.unscaled), x.scale
	}
	return big.NewInt(0), 0
}

// tcDecimal is an exact decimal: unscaled × 10^-scale.
type tcDecimal struct {
	unscaled *big.Int
	scale    int
}

// tcRoundDecimal writes unscaled×10^-scale rounded half away from zero to post decimals.
func tcRoundDecimal(unscaled *big.Int, scale, post int) string {
	u := new(big.Int).Set(unscaled)
	neg := u.Sign() < 0
	u.Abs(u)
	ten := big.NewInt(10)
	for scale < post {
		u.Mul(u, ten)
		scale++
	}
	if scale > post {
		div := new(big.Int).Exp(ten, big.NewInt(int64(scale-post)), nil)
		q, r := new(big.Int).QuoRem(u, div, new(big.Int))
		if r.Mul(r, big.NewInt(2)).Cmp(div) >= 0 {
			q.Add(q, big.NewInt(1))
		}
		u = q
	}
	s := u.String()
	if post > 0 {
		if len(s) <= post {
			s = strings.Repeat("0", post-len(s)+1) + s
		}
		s = s[:len(s)-post] + "." + s[len(s)-post:]
	}
	if neg && u.Sign() != 0 {
		s = "-" + s
	}
	return s
}

// tcNumericSci writes an exact value in scientific notation with post decimals, as
// PostgreSQL's numeric_out_sci: the exponent is taken before rounding (999.995 with
// two decimals is 10.00e+02).
func tcNumericSci(v any, post int) string {
	u, scale := tcExact(v)
	if u.Sign() == 0 {
		return tcRoundDecimal(u, 0, post) + "e+00"
	}
	digits := new(big.Int).Abs(u).String()
	exp := len(digits) - 1 - scale
	m := tcRoundDecimal(u, len(digits)-1, post)
	sign := '+'
	if exp < 0 {
		sign, exp = '-', -exp
	}
	return fmt.Sprintf("%se%c%02d", m, sign, exp)
}

func tcFloat(v any) float64 {
	switch x := v.(type) {
	case float64:
		return x
	case float32:
		return float64(x)
	}
	u, scale := tcExact(v)
	f, _ := new(big.Float).SetInt(u).Float64()
	return f / math.Pow(10, float64(scale))
}

// tcRoundedInt rounds v to an integer for RN.
func tcRoundedInt(v any) (int64, bool) {
	switch x := v.(type) {
	case float64:
		return int64(math.RoundToEven(x)), !math.IsNaN(x) && math.Abs(x) < 1e9
	case float32:
		return int64(math.RoundToEven(float64(x))), true
	}
	u, scale := tcExact(v)
	s := tcRoundDecimal(u, scale, 0)
	n, err := strconv.ParseInt(s, 10, 64)
	return n, err == nil
}

// tcRoman writes n in upper-case roman numerals, or 15 '#' outside 1…3999.
func tcRoman(n int64, ok bool) string {
	if !ok || n < 1 || n > 3999 {
		return strings.Repeat("#", 15)
	}
	vals := []int64{1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1}
	syms := []string{"M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I"}
	var b strings.Builder
	for i, v := range vals {
		for n >= v {
			b.WriteString(syms[i])
			n -= v
		}
	}
	return b.String()
}

// numProc is the state of writing one number.
type numProc struct {
	f         *numFormat
	number    string
	np        int // index into number
	sign      byte
	signWrote bool
	outPre    int
	numCurr   int
	numCount  int
	numIn     bool
	lastRel   int // index of the last relevant decimal in FM mode, -1 for none
	cut       int // where PostgreSQL's result ends (a NUL it wrote), -1 for none
	out       []byte
}

func (p *numProc) predecSpace() bool {
	return !p.f.zero && p.np == 0 && len(p.number) > 0 && p.number[0] == '0' && p.f.post != 0
}

func (p *numProc) cur() byte {
	if p.np < len(p.number) {
		return p.number[p.np]
	}
	return 0
}

// process writes the number into the template.
func (f *numFormat) process(number string, sign byte, outPre int) string {
	p := &numProc{f: f, number: number, sign: sign, outPre: outPre, lastRel: -1, cut: -1}
	if f.zeroStart > 0 {
		f.zeroStart--
	}
	if !f.roman {
		if f.plus || f.minus {
			p.signWrote = !(f.plus && !f.minus)
		} else {
			if sign != '-' && f.fill {
				f.bracket = false
			}
			p.signWrote = sign == '+' && f.fill && f.lsign == 0
			if f.lsign == 1 && f.pre == f.preLsign {
				f.lsign = 2
			}
		}
	}
	p.numCount = f.post + f.pre - 1
	if f.fill && f.decimal {
		if dot := strings.IndexByte(number, '.'); dot >= 0 {
			p.lastRel = dot
			for i := dot + 1; i < len(number); i++ {
				if number[i] != '0' {
					p.lastRel = i
				}
			}
			if f.zeroEnd > outPre {
				lz := len(number) - 1
				if z := f.zeroEnd - outPre; z < lz {
					lz = z
				}
				if p.lastRel < lz {
					p.lastRel = lz
				}
			}
		}
	}
	if !p.signWrote && outPre == 0 {
		p.numCount++
	}
	for _, n := range f.nodes {
		if n.key == "" {
			p.out = append(p.out, n.lit...)
			continue
		}
		switch n.key {
		case "9", "0", ".", "D", "d":
			p.numpart(n.key)
		case ",":
			if !p.numIn {
				if !f.fill {
					p.out = append(p.out, ' ')
				}
			} else {
				p.out = append(p.out, ',')
			}
		case "G", "g":
			if !p.numIn {
				if !f.fill {
					p.out = append(p.out, ' ')
				}
			} else {
				p.out = append(p.out, ',')
			}
		case "L", "l":
			p.out = append(p.out, ' ')
		case "RN":
			p.roman(false)
		case "rn":
			p.roman(true)
		case "TH", "th":
			if f.roman || (len(number) > 0 && number[0] == '#') || sign == '-' || f.decimal {
				continue
			}
			p.out = append(p.out, ordinalSuffix(number, n.key == "TH")...)
		case "MI", "mi":
			if sign == '-' {
				p.out = append(p.out, '-')
			} else if !f.fill {
				p.out = append(p.out, ' ')
			}
		case "PL", "pl":
			if sign == '+' {
				p.out = append(p.out, '+')
			} else if !f.fill {
				p.out = append(p.out, ' ')
			}
		case "SG", "sg":
			p.out = append(p.out, sign)
		}
	}
	if p.cut >= 0 {
		return string(p.out[:p.cut])
	}
	return string(p.out)
}

func (p *numProc) roman(lower bool) {
	r := p.number
	if lower {
		r = strings.ToLower(r)
	}
	if !p.f.fill {
		r = fmt.Sprintf("%15s", r)
	}
	p.out = append(p.out, r...)
}

// numpart writes one digit position or the decimal point.
func (p *numProc) numpart(key string) {
	f := p.f
	if f.roman {
		return
	}
	p.numIn = false
	if !p.signWrote &&
		(p.numCurr >= p.outPre || (f.zero && f.zeroStart == p.numCurr)) &&
		(!p.predecSpace() || (p.lastRel >= 0 && p.number[p.lastRel] == '.')) {
		switch {
		case f.lsign != 0:
			if f.lsign == 1 {
				p.out = append(p.out, p.sign)
				p.signWrote = true
			}
		case f.bracket:
			if p.sign == '+' {
				p.out = append(p.out, ' ')
			} else {
				p.out = append(p.out, '<')
			}
			p.signWrote = true
		case p.sign == '+':
			if !f.fill {
				p.out = append(p.out, ' ')
			}
			p.signWrote = true
		case p.sign == '-':
			p.out = append(p.out, '-')
			p.signWrote = true
		}
	}
	isZero := key == "0"
	switch {
	case p.numCurr < p.outPre && (f.zeroStart > p.numCurr || !f.zero):
		if !f.fill {
			p.out = append(p.out, ' ')
		}
	case f.zero && p.numCurr < p.outPre && f.zeroStart <= p.numCurr:
		p.out = append(p.out, '0')
		p.numIn = true
	default:
		if p.cur() == '.' {
			p.out = append(p.out, '.')
		} else {
			switch {
			case p.lastRel >= 0 && p.np > p.lastRel && !isZero:
			case p.predecSpace():
				if !f.fill {
					p.out = append(p.out, ' ')
				} else if p.lastRel >= 0 && p.number[p.lastRel] == '.' {
					p.out = append(p.out, '0')
				}
			default:
				if c := p.cur(); c != 0 {
					p.out = append(p.out, c)
				} else if p.cut < 0 {
					// PostgreSQL writes the number's terminating NUL here (more digit
					// positions than digits after rounding), which ends its result.
					p.cut = len(p.out)
				}
				p.numIn = true
			}
		}
		if p.np < len(p.number) {
			p.np++
		}
	}
	end := p.numCount
	if p.outPre > 0 {
		end++
	}
	if f.decimal {
		end++
	}
	if p.lastRel >= 0 && p.lastRel == p.np {
		end = p.numCurr
	}
	if p.numCurr+1 == end {
		if p.signWrote && f.bracket {
			if p.sign == '+' {
				p.out = append(p.out, ' ')
			} else {
				p.out = append(p.out, '>')
			}
		} else if f.lsign == 2 {
			p.out = append(p.out, p.sign)
		}
	}
	p.numCurr++
}
