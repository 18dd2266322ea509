package sim
import ("testing";"fmt";"strings")
func TestZZProbe(t *testing.T){
 s,_:=New(Options{})
 a:=s.Archive(); nh,nj:=0,0
 for i:=0;i<a.Len();i++{o:=a.At(i)
  if o.Collection=="HST"{nh++; if nh<3||nh%2000==0{fmt.Printf("%s %s %s %s %s %v %v %v %v %s %s pid=%s\n",o.ObsID,o.Target,o.Instrument,o.Filters,o.ProductType,o.RA,o.Dec,o.TMin,o.TExptime,o.DataRights,o.PI,o.ProposalID); for k,p:=range a.Products(o.Obsid){if k<14{fmt.Println("  ",p.DataURI,p.ProductType,p.Type,p.Size,p.CalibLevel,p.ObsIDStr)}}}}
  if o.Collection=="JWST"&&!strings.Contains(o.ObsID,"-o"){nj++; if nj<2||nj%1500==0{fmt.Printf("%s %s %s %s %v %v\n",o.ObsID,o.Target,o.Instrument,o.Filters,o.TExptime,o.TMin); for k,p:=range a.Products(o.Obsid){if k<12{fmt.Println("  ",p.DataURI,p.ProductType,p.Type,p.Size)}}}}
 }
 fmt.Println(nh,nj)
 for _,t:=range a.Targets(){fmt.Print(t.Name," ",t.RA," ",t.Dec,"; ")}
}
